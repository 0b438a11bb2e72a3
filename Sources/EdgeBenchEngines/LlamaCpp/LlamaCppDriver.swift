import EdgeBenchCore

extension EngineKind {
    /// An already-running llama-server, native `/completion`.
    public static let llamacpp: EngineKind = "llamacpp"
}

/// A llama-server someone else started: taken as it is.
public struct LlamaCppDriver: EngineDriver {
    public init() {}

    public var capabilities: EngineCapabilities {
        EngineCapabilities(
            kind: .llamacpp, displayName: "llama-server", summary: "a running llama-server (native /completion)",
            settings: [.apiKeyEnv], requestOptions: Set(RequestOption.allCases), defaultPort: 8080,
            exampleURL: "http://127.0.0.1:8080",
            // llama-server loads its one model at start and has no request that unloads it
            coldStart: .unsupported(
                why: "a llama-server EdgeBench did not start keeps its model until it is restarted, which only its owner can do"))
    }

    public func prepare(_ configuration: Configuration, context: EngineContext) async throws -> PreparedEngine {
        let url = try configuration.engine.requiredURL()
        let engine = LlamaCppEngine(
            baseURL: url, model: configuration.model.served, client: context.client,
            bearerToken: context.bearerToken(configuration.engine), limits: context.limits)
        var description = try await engine.describe()
        description.adapter = EngineKind.llamacpp.rawValue
        return PreparedEngine(engine: engine, description: description)
    }
}
