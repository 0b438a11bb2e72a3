import ArgumentParser
import EdgeBenchEngines
import EdgeBenchPlans

extension PlanCommand {
    struct Expand: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the configurations a plan expands into.")

        @Argument(help: "The plan file (YAML).")
        var file: String

        func run() throws {
            do {
                let plan = try PlanLoader.load(path: file, engines: EngineRegistry.catalog)
                for configuration in plan.expand() {
                    let request = configuration.workload.request
                    let length = configuration.workload.promptTokens.map { "\tprompt_tokens=\($0)" } ?? ""
                    print("\(configuration.id)\t\(configuration.engine.kind.rawValue)\t\(request.api.rawValue)\t"
                          + "max_tokens=\(request.maxTokens)\trepetitions=\(configuration.repetitions)\twarmup=\(configuration.warmup)"
                          + length)
                }
            } catch {
                Stderr.print(String(describing: error))
                throw Exit.invalidInput
            }
        }
    }
}
