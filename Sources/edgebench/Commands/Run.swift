import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchPlans
import EdgeBenchRunner
import EdgeBenchStore
import EdgeBenchTelemetry
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

            Ctrl-C stops after storing what finished; `edgebench run --resume DIR` continues the run.
            """)

    @Argument(help: "A plan file (YAML). Omit it for a one-off run.")
    var plan: String?

    @OptionGroup(title: "One-off run") var oneOff: OneOffOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Power") var power: PowerOptions

    @ArgumentParser.Flag(help: "Print the result bundle (JSON) to stdout and nothing else there.")
    var json = false

    func run() async throws {
        let runPlan: RunPlan
        let planPower: PlanPower?
        let sources: [PowerSourceSpec]
        var perConfiguration: [String: [PowerSourceSpec]] = [:]
        do {
            let loaded: Plan?
            (runPlan, loaded) = try makePlan()
            planPower = loaded?.power
            sources = try power.sources(plan: planPower)
            // An engine's own meter, unless the command line names the meter for the whole run.
            if power.sources.isEmpty, let loaded {
                perConfiguration = try loaded.configurationPower(
                    runPlan.configurations.isEmpty ? loaded.expand() : runPlan.configurations)
            }
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.invalidInput
        }
        // --sample-interval, else the plan's sample_rate_hz, else 100 ms.
        let interval = output.sampleInterval.map { $0 / 1000 } ?? planPower?.sampleInterval ?? 0.1
        var options = RunOptions(
            outputRoot: URL(fileURLWithPath: output.output), databasePath: output.db,
            resume: output.resume.map { URL(fileURLWithPath: $0) }, sampleInterval: interval,
            llamaServerPath: oneOff.llamaServer, idleSeconds: power.idleSeconds(plan: planPower), power: sources,
            minMeasuredSeconds: power.minMeasuredSeconds(plan: planPower))
        options.configurationPower = perConfiguration
        let runner = BenchmarkRunner(options: options, reporter: StderrProgress())

        let task = Task { try await runner.run(runPlan) }
        let interrupt = InterruptHandler { task.cancel() }
        defer { interrupt.restore() }

        let outcome: RunOutcome
        do {
            outcome = try await task.value
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.storageFailed
        }
        try ResultsSummary.print(
            outcome.bundle, directory: outcome.directory, outputs: outcome.outputs, databasePath: outcome.databasePath,
            json: json)
        if outcome.interrupted {
            Stderr.print("interrupted: continue with `edgebench run --resume \(outcome.directory.path)`")
            throw Exit.interrupted
        }
        if outcome.failedConfigurations > 0 {
            Stderr.print("\(outcome.failedConfigurations) configuration(s) failed; see their error above and in results.md")
            throw Exit.configurationFailed
        }
    }

    /// What to run, and the plan it came from (nil for a one-off run).
    private func makePlan() throws -> (RunPlan, Plan?) {
        if let resume = output.resume {
            // The run directory holds its own plan; nothing else may be given. Its power settings
            // come back from the stored plan text (a one-off run's description is not a plan: none).
            guard plan == nil else { throw ValidationError("--resume continues an existing run; do not pass a plan file too") }
            let stored = try? PlanLoader.parse(
                RunManifest.read(from: URL(fileURLWithPath: resume)).planText, file: "\(resume)/run.json",
                baseDirectory: nil, engines: EngineRegistry.catalog)
            return (RunPlan(name: nil, text: "", hash: "", configurations: []), stored)
        }
        if let plan {
            guard oneOff.engine == nil else {
                throw ValidationError("give either a plan file or --engine, not both")
            }
            let loaded = try PlanLoader.load(path: plan, engines: EngineRegistry.catalog)
            // Devices resolve against the catalog before anything runs: an unknown id stops the plan here.
            let catalog = try DeviceCatalog.bundled()
            let board = loaded.needsBoardDetection ? BoardIdentity.read() : nil
            return (try RunPlan(loaded, catalog: catalog, board: board), loaded)
        }
        var oneOffPlan = try oneOff.plan()
        // An engine EdgeBench runs here measures this machine: record the board it matches, if any.
        // A catalog that cannot be read only costs the device, never the run.
        let local = oneOffPlan.configurations.filter { $0.engine.kind.runsLocally }
        if !local.isEmpty, let catalog = try? DeviceCatalog.bundled(),
            let device = DeviceResolution.detected(BoardIdentity.read(), catalog: catalog)
        {
            for configuration in local { oneOffPlan.devices[configuration.id] = device }
        }
        return (oneOffPlan, nil)
    }
}
