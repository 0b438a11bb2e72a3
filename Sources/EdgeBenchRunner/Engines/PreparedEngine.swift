import EdgeBenchCore
import EdgeBenchEngines

/// An engine ready to take requests, with what is needed to describe and stop it.
struct PreparedEngine: Sendable {
    var engine: any InferenceEngine
    var description: EngineDescription
    /// the engine's process, when EdgeBench started it (for RSS)
    var pid: Int32?
    /// METRICS.md `load_time`, when known
    var loadTime: Double?
    /// Configuration flags the engine's preparation found (e.g. `partial_offload`).
    var flags: [Flag] = []
    var stop: @Sendable () async -> Void
}
