import AsyncHTTPClient
import EdgeBenchCore
import Foundation

/// What a driver may use while preparing an engine: supplied by the runner, so drivers never see
/// its options or progress types.
public struct EngineContext: Sendable {
    public var client: HTTPClient
    /// where managed engines find (or build) llama-server
    public var cache: CachePaths
    /// a user's own llama-server for managed engines that name none
    public var llamaServerPath: String?
    /// the run's folder; engine logs go to its `logs/`
    public var runDirectory: URL
    public var models: ModelResolver
    /// a step the user waits on ("loading qwen2.5 on Ollama")
    public var phase: @Sendable (String) -> Void
    /// a detail worth a line of its own (load times, offload warnings)
    public var note: @Sendable (String) -> Void
    /// this configuration's request bounds, resolved by the runner (command line, plan, defaults)
    public var limits: RequestLimits
    /// where `api_key_env` is looked up
    public var environment: [String: String]

    public init(
        client: HTTPClient, cache: CachePaths, llamaServerPath: String?, runDirectory: URL, models: ModelResolver,
        phase: @escaping @Sendable (String) -> Void, note: @escaping @Sendable (String) -> Void,
        limits: RequestLimits = RequestLimits(), environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.limits = limits
        self.environment = environment
        self.client = client
        self.cache = cache
        self.llamaServerPath = llamaServerPath
        self.runDirectory = runDirectory
        self.models = models
        self.phase = phase
        self.note = note
    }

    /// The bearer token `api_key_env` names, when it is set and not empty.
    func bearerToken(_ spec: EngineSpec) -> String? {
        spec.apiKeyEnv.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
