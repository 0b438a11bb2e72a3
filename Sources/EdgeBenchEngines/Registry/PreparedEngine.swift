import EdgeBenchCore

/// An engine ready to take requests, with what is needed to describe and stop it.
public struct PreparedEngine: Sendable {
    public var engine: any InferenceEngine
    public var description: EngineDescription
    /// the engine's process, when EdgeBench started it (for RSS)
    public var pid: Int32?
    /// METRICS.md `load_time`, when known
    public var loadTime: Double?
    /// Configuration flags the engine's preparation found (e.g. `partial_offload`).
    public var flags: [Flag]
    /// How to unload and reload the model for a workload with `start: cold`; nil for a kind that cannot
    /// (`EngineCapabilities.coldStart` says why, and plans refuse the pair).
    public var coldStart: (any ColdStarting)?
    public var stop: @Sendable () async -> Void
    /// For an engine EdgeBench started: nil while its process runs; once it has ended, how (status or
    /// signal) and where its log is. A request's error only sees a closed connection; this says why.
    public var exitReport: @Sendable () -> String?

    public init(
        engine: any InferenceEngine, description: EngineDescription, pid: Int32? = nil, loadTime: Double? = nil,
        flags: [Flag] = [], coldStart: (any ColdStarting)? = nil, stop: @escaping @Sendable () async -> Void = {},
        exitReport: @escaping @Sendable () -> String? = { nil }
    ) {
        self.coldStart = coldStart
        self.exitReport = exitReport
        self.engine = engine
        self.description = description
        self.pid = pid
        self.loadTime = loadTime
        self.flags = flags
        self.stop = stop
    }
}
