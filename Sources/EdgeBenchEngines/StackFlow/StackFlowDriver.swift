import EdgeBenchCore

extension EngineKind {
    /// M5Stack StackFlow (AX630C): JSON lines over TCP, setup / inference / exit.
    public static let stackflow: EngineKind = "stackflow"
}

/// StackFlow: one TCP session per configuration; `setup` loads the model with the workload's
/// max_token_len and system prompt, and `exit` ends it when the configuration is done. Sampling is
/// the model's own configuration on the device.
public struct StackFlowDriver: EngineDriver {
    public init() {}

    public var capabilities: EngineCapabilities {
        EngineCapabilities(
            kind: .stackflow, displayName: "StackFlow", summary: "M5Stack Module LLM (AX630C) over TCP",
            requestOptions: [.systemPrompt], urlSchemes: ["tcp"], defaultPort: 10001,
            exampleURL: "tcp://m5stack-llm.local:10001",
            // the device accepts max_token_len 1…1023 only
            tokenLimit: TokenLimit(maximum: 1023, name: "max_token_len"),
            oneAtATime: "a StackFlow work_id runs one inference at a time over one connection",
            coldStart: .supported(how: "the session is exited (llm exit), then set up again: a new work_id loads the model"))
    }

    public func prepare(_ configuration: Configuration, context: EngineContext) async throws -> PreparedEngine {
        let request = configuration.workload.request
        let model = configuration.model.served ?? configuration.model.name
        // Connecting and control replies are quick on a live device: 30 s, or the run's shorter limits.
        let limits = context.limits
        let engine = try await StackFlowEngine.connect(
            url: try configuration.engine.requiredURL(), timeout: min(.seconds(30), limits.idle, limits.total),
            limits: limits)
        do {
            context.phase("setting up \(model) on StackFlow")
            let loadTime = try await engine.setup(model: model, maxTokens: request.maxTokens, systemPrompt: request.systemPrompt)
            let description = try await engine.describe()
            let coldStart = StackFlowColdStart(
                engine: engine, model: model, maxTokens: request.maxTokens, systemPrompt: request.systemPrompt)
            return PreparedEngine(
                engine: engine, description: description, loadTime: loadTime, coldStart: coldStart,
                stop: { await engine.close() })
        } catch {
            await engine.close()
            throw error
        }
    }
}
