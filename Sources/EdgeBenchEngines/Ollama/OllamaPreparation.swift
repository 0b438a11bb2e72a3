import EdgeBenchCore
import Foundation

/// Ollama's load rules, shared by Ollama and hailo-ollama: load the model first (cold vs warm,
/// METRICS.md `load_time`), then describe it, so `/api/ps` reports the offload actually achieved
/// with the configuration's `num_gpu`.
enum OllamaPreparation {
    static func prepare(
        _ configuration: Configuration, dialect: OllamaEngine.Dialect, context: EngineContext
    ) async throws -> PreparedEngine {
        let spec = configuration.engine
        let model = configuration.model.served ?? configuration.model.name
        let engine = OllamaEngine(
            baseURL: try spec.requiredURL(), model: model, dialect: dialect, client: context.client,
            offload: spec.offload, threads: spec.threads, contextSize: spec.contextSize,
            bearerToken: context.bearerToken(spec), limits: context.limits)
        if dialect == .hailo { _ = try await engine.describe() }  // health and model list before loading
        context.phase("loading \(model) on \(dialect == .hailo ? "hailo-ollama" : "Ollama")")
        let load = try await engine.load()
        switch (load.wasResident, load.loadTime) {
        case (true?, nil): context.note("  \(model) was already resident (warm): no load_time recorded")
        case (true?, let time?): context.note("  \(model) was resident with other options: reloaded, load_time \(seconds(time))")
        case (false?, let time): context.note("  \(model) was not resident: load_time \(seconds(time))")
        case (nil, _): break
        }
        let description = try await engine.describe()
        var flags: [Flag] = []
        if let fraction = description.offloadFraction, let asked = spec.offload, asked != .none, fraction < 0.99 {
            flags.append(.partialOffload)
            context.note(
                "  warning: \(configuration.id) asked for offload \(asked) but Ollama placed \(description.offload ?? "less") — "
                    + "the model does not fit in GPU memory (or no GPU is visible to Ollama); results are flagged partial_offload")
        }
        return PreparedEngine(
            engine: engine, description: description, loadTime: load.loadTime, flags: flags,
            coldStart: OllamaColdStart(engine: engine))
    }

    static func seconds(_ value: Double?) -> String {
        value.map { String(format: "%.2f s", $0) } ?? "an unmeasured time"
    }
}
