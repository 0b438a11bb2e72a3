import EdgeBenchEngines
import EdgeBenchTelemetry
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
    /// idle baseline before each configuration's measured phase, s (taken only where power is measured)
    public var idleSeconds: Double
    /// power sources the user declares (a meter's command, a value read off a display)
    public var power: [PowerSourceSpec]
    /// configuration id → its engine's own power sources, used instead of `power` (one meter per board)
    public var configurationPower: [String: [PowerSourceSpec]] = [:]
    /// repeat measured requests back to back until the measured phase lasts this long, s (0 = just the repetitions)
    public var minMeasuredSeconds: Double
    /// where sysfs/procfs and board tools are looked up ("/"; a copied or fake tree in tests)
    public var sensorRoot: String

    public init(
        outputRoot: URL, databasePath: String? = nil, resume: URL? = nil, cache: CachePaths = .default(),
        sampleInterval: Double = 0.1, llamaServerPath: String? = nil, requestTimeout: Double = 600,
        idleSeconds: Double = 10, power: [PowerSourceSpec] = [], minMeasuredSeconds: Double = 0,
        sensorRoot: String = "/"
    ) {
        self.outputRoot = outputRoot
        self.databasePath = databasePath
        self.resume = resume
        self.cache = cache
        self.sampleInterval = sampleInterval
        self.llamaServerPath = llamaServerPath
        self.requestTimeout = requestTimeout
        self.idleSeconds = idleSeconds
        self.power = power
        self.minMeasuredSeconds = minMeasuredSeconds
        self.sensorRoot = sensorRoot
    }

    /// The declared power sources of one configuration: its engine's own, else the run's.
    public func power(for configurationID: String) -> [PowerSourceSpec] {
        configurationPower[configurationID] ?? power
    }

    public var resolvedDatabasePath: String {
        databasePath ?? outputRoot.appendingPathComponent("edgebench.sqlite").path
    }
}
