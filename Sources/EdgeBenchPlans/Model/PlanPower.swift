import EdgeBenchCore

/// The plan's power keys (`power:`, `idle_seconds`, `min_measured_seconds`, `sample_rate_hz`): the
/// same settings as `edgebench run --power-*`, which override them. Plain values: the runner turns
/// them into telemetry sources (Plans does not depend on Telemetry).
public struct PlanPower: Sendable, Equatable {
    public var sources: [PlanPowerSource]
    /// idle baseline before each configuration's measured phase, s
    public var idleSeconds: Double?
    /// repeat measured requests until the measured phase lasts this long, s
    public var minMeasuredSeconds: Double?
    /// telemetry sampling rate, Hz
    public var sampleRate: Double?
    /// engine name → that engine's own sources (`power:` under an engine), used instead of the
    /// run-wide list for its configurations: each board of a multi-board plan has its own meter
    public var engines: [String: [PlanPowerSource]] = [:]

    public init(
        sources: [PlanPowerSource] = [], idleSeconds: Double? = nil, minMeasuredSeconds: Double? = nil,
        sampleRate: Double? = nil
    ) {
        self.sources = sources
        self.idleSeconds = idleSeconds
        self.minMeasuredSeconds = minMeasuredSeconds
        self.sampleRate = sampleRate
    }

    /// telemetry sampling interval in s, when the plan gives a rate
    public var sampleInterval: Double? { sampleRate.map { 1 / $0 } }
}

/// One item of `power:`, as `--power-manual W`, `--power-command CMD` or `--power-plug KIND=URL` say it.
public enum PlanPowerSource: Sendable, Equatable {
    /// watts read off a display-only meter (constant)
    case manual(watts: Double, boundary: MeasurementBoundary)
    /// a program printing one watts value per line
    case command(String, boundary: MeasurementBoundary)
    /// a smart plug polled over HTTP (wall AC); `kind` is one of `plugKinds`
    case plug(kind: String, url: String)

    /// The smart plug protocols the telemetry layer speaks (SmartPlugSource.Kind, checked by a runner test).
    public static let plugKinds = ["shelly-gen1", "shelly-rpc", "tasmota"]
    /// Names people use for the same protocols: Shelly Gen2/Gen3/Pro devices all answer the RPC API.
    public static let plugKindAliases = ["shelly-gen2": "shelly-rpc", "shelly-gen3": "shelly-rpc", "shelly-pro": "shelly-rpc"]
}
