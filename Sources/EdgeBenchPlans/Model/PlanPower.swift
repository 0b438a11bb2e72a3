import EdgeBenchCore

/// The plan's power keys (`power:`, `idle_seconds`, `min_measured_seconds`, `sample_rate_hz`): the
/// same settings as `edgebench run --power-*`, which override them. The sources are Core's
/// `PowerSourceSpec`, checked once by the loader; Telemetry turns them into sources.
public struct PlanPower: Sendable, Equatable {
    public var sources: [PowerSourceSpec]
    /// idle baseline before each configuration's measured phase
    public var idleBaseline: Duration?
    /// repeat measured requests until the measured phase lasts this long
    public var minMeasured: Duration?
    /// telemetry sampling interval, the period of `sample_rate_hz`
    public var sampleInterval: Duration?
    /// engine name → that engine's own sources (`power:` under an engine), used instead of the
    /// run-wide list for its configurations: each board of a multi-board plan has its own meter
    public var engines: [String: [PowerSourceSpec]] = [:]

    public init(
        sources: [PowerSourceSpec] = [], idleBaseline: Duration? = nil, minMeasured: Duration? = nil,
        sampleInterval: Duration? = nil
    ) {
        self.sources = sources
        self.idleBaseline = idleBaseline
        self.minMeasured = minMeasured
        self.sampleInterval = sampleInterval
    }
}
