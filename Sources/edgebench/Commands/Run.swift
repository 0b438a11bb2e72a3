import ArgumentParser
import EdgeBenchRunner
import Foundation

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark: a plan, a one-off engine, or (with no arguments) this machine with the embedded engine.",
        discussion: """
            With no arguments, EdgeBench builds the embedded llama.cpp (once per machine, cached in ~/.cache/edgebench), fetches SmolLM2-135M-Instruct Q4_1, and measures it: 1 warm-up and 5 measured requests of 64 tokens. Results go to edgebench-results/<run id>/ (bundle.json, results.md, CSV files, server log) and to the SQLite database edgebench-results/edgebench.sqlite.

            One-off runs need no plan, like llama-bench:
              edgebench run --engine managed --model model.gguf --threads 4
              edgebench run --engine llamacpp --url http://127.0.0.1:8080
              edgebench run --engine openai --url http://HOST:11434/v1 --model qwen2.5:0.5b
              edgebench run --engine ollama --url http://jetson.local:11434 --model qwen2.5:1.5b --device jetson-orin-nano-super

            Ctrl-C, SIGTERM and SIGHUP stop after storing what finished (exit 130, 143, 129); `edgebench run --resume DIR` continues the run.
            """)

    @Argument(help: "A plan file (YAML). Omit it for a one-off run.")
    var plan: String?

    @OptionGroup(title: "One-off run") var oneOff: OneOffOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Power") var power: PowerOptions
    @OptionGroup(title: "Request limits") var limits: RequestLimitOptions

    @ArgumentParser.Flag(help: "Print the result bundle (JSON) to stdout and nothing else there.")
    var json = false

    func run() async throws {
        let preparation: RunPreparation
        do {
            let source = try RunSource.choose(
                planFile: plan, resume: output.resume, engineGiven: oneOff.engine != nil, oneOff: oneOff.plan)
            let flags = try limits.applied(to: try power.flags(sampleInterval: output.sampleInterval))
            preparation = try RunPreparation.prepare(source, flags: flags)
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.invalidInput
        }
        for note in preparation.notes { Stderr.print("note: \(note)") }
        for warning in preparation.warnings { Stderr.print("warning: \(warning)") }
        let options = preparation.options(
            outputRoot: URL(fileURLWithPath: output.output), databasePath: output.db,
            resume: output.resume.map { URL(fileURLWithPath: $0) }, llamaServerPath: oneOff.llamaServer)
        let runner = BenchmarkRunner(options: options, reporter: StderrProgress())
        let runPlan = preparation.plan

        let task = Task { try await runner.run(runPlan) }
        let interrupt = InterruptHandler { task.cancel() }
        defer { interrupt.restore() }

        let outcome: RunOutcome
        do {
            outcome = try await task.value
        } catch {
            Stderr.error(String(describing: error))
            switch error as? RunnerError {
            case .runInUse: throw Exit.runInUse
            // a run directory or database that cannot be resumed: nothing ran
            case .resume: throw Exit.invalidInput
            default: throw Exit.storageFailed
            }
        }
        try StoredResults.print(
            outcome.bundle, directory: outcome.directory, outputs: outcome.outputs, databasePath: outcome.databasePath,
            json: json, bundleFile: outcome.bundleFile, requestCounts: outcome.requestCounts)
        if outcome.interrupted {
            Stderr.print("interrupted: continue with `edgebench run --resume \(outcome.directory.path)`")
            throw ExitCode(interrupt.exitCode)
        }
        if outcome.failedConfigurations > 0 {
            Stderr.print("\(outcome.failedConfigurations) configuration(s) failed; see their error above and in results.md")
            throw Exit.configurationFailed
        }
    }
}
