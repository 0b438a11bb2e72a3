import EdgeBenchCore

/// Cold starts on StackFlow (`ColdStarting`): the model lives as long as its LLM session, so unloading is
/// exiting the session (`llm exit`) and loading is a new `setup` with the same model, max_token_len and system
/// prompt, which the device answers with a new work_id once the model is loaded.
public struct StackFlowColdStart: ColdStarting {
    public let engine: StackFlowEngine
    public let model: String
    public let maxTokens: Int
    public let systemPrompt: String?

    public init(engine: StackFlowEngine, model: String, maxTokens: Int, systemPrompt: String?) {
        self.engine = engine
        self.model = model
        self.maxTokens = maxTokens
        self.systemPrompt = systemPrompt
    }

    public func unload() async throws {
        try await engine.exitSession()
    }

    public func load() async throws -> ColdLoad {
        let load = try await engine.openSession(model: model, maxTokens: maxTokens, systemPrompt: systemPrompt)
        return ColdLoad(start: load.start, end: load.end)
    }
}
