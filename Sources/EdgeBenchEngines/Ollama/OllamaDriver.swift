import EdgeBenchCore

extension EngineKind {
    /// Ollama's native API, `/api/generate` and `/api/chat` (NDJSON).
    public static let ollama: EngineKind = "ollama"
}

/// Ollama: EdgeBench sends threads, context and offload as request options (num_thread, num_ctx,
/// num_gpu), so they are matrix axes here too.
public struct OllamaDriver: EngineDriver {
    public init() {}

    public var capabilities: EngineCapabilities {
        EngineCapabilities(
            kind: .ollama, displayName: "Ollama", summary: "Ollama's native API (/api/chat, /api/generate)",
            settings: [.threads, .context, .offload, .gpuLayers, .apiKeyEnv],
            requestOptions: Set(RequestOption.allCases).subtracting([.cache]), defaultPort: 11434,
            exampleURL: "http://127.0.0.1:11434", takesParameterAxes: true,
            coldStart: .supported(how: "keep_alive 0 unloads the model (until /api/ps no longer lists it), then a load request"))
    }

    public func prepare(_ configuration: Configuration, context: EngineContext) async throws -> PreparedEngine {
        try await OllamaPreparation.prepare(configuration, dialect: .ollama, context: context)
    }
}
