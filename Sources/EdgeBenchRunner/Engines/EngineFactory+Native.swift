import EdgeBenchCore
import EdgeBenchEngines
import Foundation

extension EngineFactory {
    /// Ollama / hailo-ollama: load the model first (cold vs warm, METRICS.md `load_time`), then describe
    /// it, so `/api/ps` reports the offload actually achieved with the configuration's `num_gpu`.
    func prepareOllama(_ configuration: Configuration, url: String) async throws -> PreparedEngine {
        let spec = configuration.engine
        let model = configuration.model.served ?? configuration.model.name
        let engine = OllamaEngine(
            baseURL: url, model: model, dialect: spec.kind == .hailoOllama ? .hailo : .ollama, client: client,
            offload: spec.offload, threads: spec.threads, contextSize: spec.contextSize,
            requestTimeout: .seconds(Int64(spec.timeout ?? 600)))
        if spec.kind == .hailoOllama { _ = try await engine.describe() }  // health and model list before loading
        reporter.report(.phase("loading \(model) on \(engine.dialect == .hailo ? "hailo-ollama" : "Ollama")"))
        let load = try await engine.load()
        switch (load.wasResident, load.loadTime) {
        case (true?, nil): reporter.report(.note("  \(model) was already resident (warm): no load_time recorded"))
        case (true?, let time?): reporter.report(.note("  \(model) was resident with other options: reloaded, load_time \(Self.seconds(time))"))
        case (false?, let time): reporter.report(.note("  \(model) was not resident: load_time \(Self.seconds(time))"))
        case (nil, _): break
        }
        let description = try await engine.describe()
        var flags: [Flag] = []
        if let fraction = description.offloadFraction, let asked = spec.offload, asked != .none, fraction < 0.99 {
            flags.append(.partialOffload)
            reporter.report(.note(
                "  warning: \(configuration.id) asked for offload \(asked) but Ollama placed \(description.offload ?? "less") — "
                    + "the model does not fit in GPU memory (or no GPU is visible to Ollama); results are flagged partial_offload"))
        }
        return PreparedEngine(
            engine: engine, description: description, pid: nil, loadTime: load.loadTime, flags: flags, stop: {})
    }

    /// StackFlow: one TCP session per configuration; `setup` loads the model with the workload's
    /// max_token_len and system prompt, and `exit` ends it when the configuration is done.
    func prepareStackFlow(_ configuration: Configuration, url: String) async throws -> PreparedEngine {
        let request = configuration.workload.request
        let model = configuration.model.served ?? configuration.model.name
        let engine = try await StackFlowEngine.connect(url: url, timeout: .seconds(Int64(configuration.engine.timeout ?? 30)))
        do {
            reporter.report(.phase("setting up \(model) on StackFlow"))
            let loadTime = try await engine.setup(model: model, maxTokens: request.maxTokens, systemPrompt: request.systemPrompt)
            let description = try await engine.describe()
            return PreparedEngine(
                engine: engine, description: description, pid: nil, loadTime: loadTime, stop: { await engine.close() })
        } catch {
            await engine.close()
            throw error
        }
    }

    static func seconds(_ value: Double?) -> String {
        value.map { String(format: "%.2f s", $0) } ?? "an unmeasured time"
    }
}
