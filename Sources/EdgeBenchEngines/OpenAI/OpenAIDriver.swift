import EdgeBenchCore

extension EngineKind {
    /// Any OpenAI-compatible server, `/v1/chat/completions` or `/v1/completions`.
    public static let openai: EngineKind = "openai"
}

/// vLLM, TensorRT-LLM, MLC, LM Studio, RKLLM servers: whatever speaks OpenAI's API.
public struct OpenAIDriver: EngineDriver {
    public init() {}

    public var capabilities: EngineCapabilities {
        EngineCapabilities(
            kind: .openai, displayName: "OpenAI-compatible server",
            summary: "any OpenAI-compatible server (vLLM, LM Studio, MLC, RKLLM servers, …)",
            settings: [.apiKeyEnv], requestOptions: Set(RequestOption.allCases), defaultPort: 8080,
            exampleURL: "http://127.0.0.1:8080/v1",
            coldStart: .unsupported(
                why: "the OpenAI API has no request that unloads a model, and EdgeBench did not start the server"))
    }

    public func prepare(_ configuration: Configuration, context: EngineContext) async throws -> PreparedEngine {
        let spec = configuration.engine
        let engine = OpenAIEngine(
            baseURL: try spec.requiredURL(), model: configuration.model.served ?? configuration.model.name,
            client: context.client, apiKeyEnvironmentVariable: spec.apiKeyEnv, limits: context.limits,
            environment: context.environment)
        let description = try await engine.describe()
        // llama-server (its /v1/models says owned_by "llamacpp") can be told not to reuse its prompt cache;
        // any other server gets a unique prefix on each cold request.
        return PreparedEngine(
            engine: engine.speaking(toLlamaServer: description.name == OpenAIEngine.llamaServerOwner),
            description: description)
    }
}
