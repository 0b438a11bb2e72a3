import EdgeBenchEngines
import Foundation

/// How a run is carried out and where it writes.
public struct RunOptions: Sendable {
    /// folder that receives one sub-folder per run
    public var outputRoot: URL
    /// SQLite file; default `<outputRoot>/edgebench.sqlite`
    public var databasePath: String?
    /// continue this run directory instead of starting a new run
    public var resume: URL?
    public var cache: CachePaths
    /// telemetry sampling interval, s
    public var sampleInterval: Double
    /// a user's own llama-server for managed engines that name none
    public var llamaServerPath: String?
    /// seconds a single request may take
    public var requestTimeout: Double

    public init(
        outputRoot: URL, databasePath: String? = nil, resume: URL? = nil, cache: CachePaths = .default(),
        sampleInterval: Double = 0.1, llamaServerPath: String? = nil, requestTimeout: Double = 600
    ) {
        self.outputRoot = outputRoot
        self.databasePath = databasePath
        self.resume = resume
        self.cache = cache
        self.sampleInterval = sampleInterval
        self.llamaServerPath = llamaServerPath
        self.requestTimeout = requestTimeout
    }

    public var resolvedDatabasePath: String {
        databasePath ?? outputRoot.appendingPathComponent("edgebench.sqlite").path
    }
}
