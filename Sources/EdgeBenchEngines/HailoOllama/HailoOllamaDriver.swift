import EdgeBenchCore

extension EngineKind {
    /// hailo-ollama (Raspberry Pi AI HAT+ 2, Hailo-10H): Ollama's dialect, health at `/hailo/v1/list`.
    public static let hailoOllama: EngineKind = "hailo-ollama"
}

/// hailo-ollama speaks Ollama's API on port 8000; the Hailo runtime fixes threads, context and
/// placement, so none of those are honoured.
public struct HailoOllamaDriver: EngineDriver {
    public init() {}

    public var capabilities: EngineCapabilities {
        EngineCapabilities(
            kind: .hailoOllama, displayName: "hailo-ollama",
            summary: "hailo-ollama on a Raspberry Pi AI HAT+ 2 (Hailo-10H)", settings: [.apiKeyEnv],
            requestOptions: Set(RequestOption.allCases).subtracting([.cache]), defaultPort: 8000,
            exampleURL: "http://127.0.0.1:8000",
            // hailo-ollama's controller answers a request without a prompt as Ollama does: keep_alive 0 resets
            // the device's model, anything else loads it (PROTOCOLS.md)
            coldStart: .supported(how: "keep_alive 0 unloads the model (until /api/ps no longer lists it), then a load request"))
    }

    public func prepare(_ configuration: Configuration, context: EngineContext) async throws -> PreparedEngine {
        try await OllamaPreparation.prepare(configuration, dialect: .hailo, context: context)
    }
}
