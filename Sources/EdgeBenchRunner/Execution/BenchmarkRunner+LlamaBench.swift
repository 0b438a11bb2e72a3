import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchStore
import Foundation

extension BenchmarkRunner {
    /// A `llama-bench` configuration: llama.cpp's own benchmark run on the configuration's model, its pp
    /// and tg results stored as `server_prefill_rate` and `server_decode_rate` (one request per repetition).
    /// Same contract as `ConfigurationSession.run`: never throws, every failure ends up as the status.
    ///
    /// `-p` is the median `n_in` of the HTTP configuration it is the twin of (`llamaBenchOf`), so both
    /// prefill rates are for the same prompt length; `-n` is the workload's max_tokens and `-r` the
    /// configuration's repetitions.
    func runLlamaBenchConfiguration(_ context: ConfigurationSession.Context) async -> ConfigurationResult.Status {
        let (configuration, runID, directory, store) = (context.configuration, context.runID, context.directory, context.store)
        let id = configuration.id
        var engine: EngineDescription?

        func finish(
            _ status: ConfigurationResult.Status, error: String?, summary: [MetricID: Summary] = [:], flags: [Flag] = []
        ) -> ConfigurationResult.Status {
            do {
                try store.finishConfiguration(
                    runID: runID, configurationID: id, engine: engine, status: status, error: error,
                    summary: summary, flags: flags, telemetry: [:], power: nil)
            } catch {
                // Nothing more can be written: the configuration counts as failed, and says why.
                let text = "\(SessionStoreError(what: "the result of \(id)", underlying: error))"
                reporter.report(.configurationFinished(id: id, status: .failed, error: text))
                return .failed
            }
            reporter.report(.configurationFinished(id: id, status: status, error: error))
            return status
        }
        let interrupted = "interrupted while llama-bench ran; continue with --resume \(directory.path)"

        do {
            try SessionStoreError.wrapping("the start of \(id)") {
                try store.beginConfiguration(runID: runID, configuration: configuration, engine: nil, device: context.device)
            }
            let progress: @Sendable (String) -> Void = { [reporter] in reporter.report(.note($0)) }
            let spec = configuration.engine
            let bench = try llamaBenchPath(spec, progress: progress)
            let model = try context.factory.models.resolve(configuration.model, progress: progress)
            let prompt = try llamaBenchPromptLength(configuration, runID: runID, store: store)
            let generated = configuration.workload.request.maxTokens
            let logs = directory.appendingPathComponent("logs")
            let base = Self.freshLlamaBenchLogBase(for: configuration, in: logs)
            let invocation = LlamaBenchInvocation(
                benchPath: bench, modelPath: model.path, promptTokens: prompt, generatedTokens: generated,
                repetitions: configuration.repetitions, threads: spec.threads, gpuLayers: spec.offload?.layerCount,
                extraArgs: spec.extraArgs, outputFile: logs.appendingPathComponent(base + ".jsonl"),
                logFile: logs.appendingPathComponent(base + ".log"),
                // llama-bench runs a warm-up and the repetitions of each of its two tests; without the
                // engine's `timeout`, each run may take as long as one request may (HTTPTransport's 600 s).
                timeout: spec.timeout ?? .seconds(600) * (2 * configuration.repetitions + 2))
            reporter.report(.phase("running llama-bench -p \(prompt) -n \(generated) -r \(configuration.repetitions)"))
            // Once llama-bench has finished, its results are stored even if Ctrl-C came meanwhile.
            let output = try await invocation.run()

            let group = try Self.llamaBenchGroup(
                output.tests, prompt: prompt, generated: generated, log: invocation.logFile.path, progress: progress)
            var info = model.info
            info.parameters = info.parameters ?? group.representative.modelParameters
            info.quantisation = info.quantisation ?? LlamaBenchNaming.quantisation(group.representative)
            let results = LlamaBenchResults(group, model: info)
            engine = results.engine
            try SessionStoreError.wrapping("llama-bench's results for \(id)") {
                try store.beginConfiguration(runID: runID, configuration: configuration, engine: results.engine, device: nil)
                for request in results.requests {
                    try store.recordRequest(runID: runID, configurationID: id, result: request, warmup: false)
                }
            }
            progress("  " + group.tests.map { "\($0.name) \(Self.rateText($0)) tok/s" }.joined(separator: ", "))
            return finish(.completed, error: nil, summary: results.summary, flags: results.flags)
        } catch is CancellationError {
            return finish(.interrupted, error: interrupted)
        } catch let error as SessionStoreError {
            return finish(.failed, error: "\(error)")
        } catch {
            if Task.isCancelled { return finish(.interrupted, error: interrupted) }
            // Named as a configuration session names a failing engine, so a plan of several boards says which one.
            let spec = configuration.engine
            return finish(.failed, error: "engine '\(spec.name)' (\(spec.kind.rawValue)): \(error)")
        }
    }

    /// The engine's `server_path` (or `--llama-server`); a llama-server there means the llama-bench of
    /// the same build beside it, as a managed engine's sibling names its server. Else the embedded build.
    private func llamaBenchPath(_ spec: EngineSpec, progress: @Sendable (String) -> Void) throws -> String {
        if let path = spec.serverPath ?? options.llamaServerPath {
            let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
            let name = url.lastPathComponent
            guard name.hasPrefix("llama-server") else { return url.path }
            return url.deletingLastPathComponent()
                .appendingPathComponent("llama-bench" + name.dropFirst("llama-server".count)).path
        }
        reporter.report(.phase("preparing the embedded llama.cpp engine"))
        return try EmbeddedEngine.llamaCpp.prepare(cache: options.cache, progress: progress).benchPath
    }

    /// `-p`: the median n_in the HTTP sibling stored in this run, else the workload's prompt_tokens (llama-bench
    /// makes its prompt of exactly that many tokens itself), else 512 (llama-bench's default), said so.
    func llamaBenchPromptLength(_ configuration: Configuration, runID: String, store: any ConfigurationStore) throws -> Int {
        let fallback = configuration.workload.promptTokens ?? 512
        guard let sibling = configuration.llamaBenchOf else {
            reporter.report(.note("  -p \(fallback): \(configuration.id) is not the llama-bench sibling of an HTTP configuration"))
            return fallback
        }
        let counts = try store.measuredRequests(runID: runID, configurationID: sibling).compactMap { $0.metrics[.nIn] }
        guard !counts.isEmpty else {
            reporter.report(.note("  -p \(fallback): \(sibling) stored no n_in in this run (it did not run, or failed)"))
            return fallback
        }
        let median = Int(Statistics.percentile(sorted: counts.sorted(), 0.5).rounded())
        reporter.report(.note("  -p \(median): the median n_in of \(sibling)"))
        return max(1, median)
    }

    /// The pp and tg tests that were asked for; anything else extra arguments added is left out, said so.
    static func llamaBenchGroup(
        _ tests: [LlamaBenchTest], prompt: Int, generated: Int, log: String, progress: (String) -> Void
    ) throws -> LlamaBenchGroup {
        let pp = tests.first { $0.kind == .prompt && $0.depth == 0 && $0.promptTokens == prompt }
        let tg = tests.first { $0.kind == .generation && $0.depth == 0 && $0.generatedTokens == generated }
        let group = LlamaBenchGroup(prompt: pp, generation: tg)
        guard !group.tests.isEmpty else {
            throw RunnerError.configuration(
                "llama-bench printed no pp\(prompt) or tg\(generated) test (it printed: "
                    + "\(tests.map(\.name).joined(separator: ", "))); see \(log)")
        }
        let extra = tests.filter { test in !group.tests.contains(test) }
        if !extra.isEmpty {
            progress("  left out tests the extra arguments added: \(extra.map(\.name).joined(separator: ", "))")
        }
        return group
    }

    /// `<id>.llama-bench`, or `<id>.llama-bench-2`… when a resumed run runs it again (earlier logs are kept).
    static func freshLlamaBenchLogBase(for configuration: Configuration, in logs: URL) -> String {
        let stem = configuration.id.replacingOccurrences(of: "/", with: "_") + ".llama-bench"
        var base = stem
        var session = 2
        while FileManager.default.fileExists(atPath: logs.appendingPathComponent(base + ".log").path) {
            base = "\(stem)-\(session)"
            session += 1
        }
        return base
    }

    private static func rateText(_ test: LlamaBenchTest) -> String {
        func rounded(_ value: Double) -> String { String((value * 100).rounded() / 100) }
        return rounded(test.averageRate) + (test.stddevRate.map { " ± " + rounded($0) } ?? "")
    }
}
