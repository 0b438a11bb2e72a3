import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchEngines
import EdgeBenchPlans
import EdgeBenchRunner

extension PlanCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a plan: every mistake is reported as FILE:LINE:COLUMN with what is expected.")

        @Argument(help: "The plan file (YAML).")
        var file: String

        func run() throws {
            do {
                let plan = try PlanLoader.load(path: file, engines: EngineRegistry.catalog)
                // Device ids are checked against the catalog here too, as `run` does before anything starts.
                _ = try RunPlan(plan, catalog: try DeviceCatalog.bundled(), board: nil)
                print("\(file): ok — \(plan.expand().count) configuration(s)")
            } catch {
                Stderr.print(String(describing: error))
                throw Exit.invalidInput
            }
        }
    }
}
