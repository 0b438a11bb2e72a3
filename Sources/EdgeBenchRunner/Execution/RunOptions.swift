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
    /// power sources, idle baseline, minimum measured phase, sampling interval; stored in run.json
    public var settings: RunSettings
    /// a user's own llama-server for managed engines that name none
    public var llamaServerPath: String?
    /// where sysfs/procfs and board tools are looked up ("/"; a copied or fake tree in tests)
    public var sensorRoot: String

    public init(
        outputRoot: URL, databasePath: String? = nil, resume: URL? = nil, cache: CachePaths = .default(),
        settings: RunSettings = RunSettings(), llamaServerPath: String? = nil,
        sensorRoot: String = "/"
    ) {
        self.outputRoot = outputRoot
        self.databasePath = databasePath
        self.resume = resume
        self.cache = cache
        self.settings = settings
        self.llamaServerPath = llamaServerPath
        self.sensorRoot = sensorRoot
    }

    public var resolvedDatabasePath: String {
        databasePath ?? outputRoot.appendingPathComponent("edgebench.sqlite").path
    }
}
