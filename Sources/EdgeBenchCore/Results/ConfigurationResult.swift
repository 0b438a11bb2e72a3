/// One configuration's outcome (bundle `configurations[]`).
public struct ConfigurationResult: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case completed, failed, interrupted
    }

    public var id: String
    public var engine: EngineDescription
    public var model: ModelInfo
    public var workload: Workload
    public var status: Status
    /// what failed and what to do, when status is failed or interrupted
    public var error: String?
    public var requests: [RequestResult]
    /// metric id → statistics over `requests` (plus per-configuration metrics such as load_time)
    public var summary: [MetricID: Summary]
    public var flags: [Flag]
    /// system telemetry over the measured phase: channel → statistics (e.g. "engine_rss" in B)
    public var telemetry: [String: TelemetrySummary]
    /// the source of every energy figure of this configuration; nil when no power source was read
    public var power: PowerProvenance?
    /// the hardware it ran on (catalog entry with the plan's overrides), nil when unknown
    public var device: Device?
    /// a llama-bench configuration's HTTP-measured twin in the same run (`Configuration.llamaBenchOf`)
    public var llamaBenchOf: String?
    /// the load level it was measured at (`Configuration.load`); nil = synchronous, and every bundle
    /// written before load profiles
    public var load: LoadLevel?

    public init(
        id: String, engine: EngineDescription, model: ModelInfo, workload: Workload, status: Status,
        error: String? = nil, requests: [RequestResult], summary: [MetricID: Summary], flags: [Flag],
        telemetry: [String: TelemetrySummary] = [:], power: PowerProvenance? = nil, device: Device? = nil,
        llamaBenchOf: String? = nil, load: LoadLevel? = nil
    ) {
        self.load = load
        self.id = id
        self.engine = engine
        self.model = model
        self.workload = workload
        self.status = status
        self.error = error
        self.requests = requests
        self.summary = summary
        self.flags = flags
        self.telemetry = telemetry
        self.power = power
        self.device = device
        self.llamaBenchOf = llamaBenchOf
    }

    enum CodingKeys: String, CodingKey {
        case id, engine, model, workload, status, error, requests, summary, flags, telemetry, power, device
        case llamaBenchOf = "llama_bench_of"
        case load
    }
}

/// A telemetry channel over a window: its source, boundary and statistics.
public struct TelemetrySummary: Sendable, Equatable, Codable {
    public var source: String
    public var quantity: Quantity
    public var unit: MetricUnit
    public var boundary: MeasurementBoundary
    public var samples: Int
    public var mean: Double
    public var min: Double
    public var max: Double

    public init(
        source: String, quantity: Quantity, unit: MetricUnit, boundary: MeasurementBoundary,
        samples: Int, mean: Double, min: Double, max: Double
    ) {
        self.source = source
        self.quantity = quantity
        self.unit = unit
        self.boundary = boundary
        self.samples = samples
        self.mean = mean
        self.min = min
        self.max = max
    }
}
