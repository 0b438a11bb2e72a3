/// Where a configuration's energy figures come from (METRICS.md: every energy figure carries its
/// source, boundary, sample count, effective rate and whether it is an estimate).
public struct PowerProvenance: Sendable, Equatable, Codable {
    /// source id (e.g. "ina3221", "rapl", "shelly") and the channel used (e.g. "VDD_IN", "package-0")
    public var source: String
    public var channel: String
    public var boundary: MeasurementBoundary
    /// `.power` (integrated) or `.energyCounter` (differenced)
    public var quantity: Quantity
    /// derived by a model (Pi 5 PMIC calibration) rather than measured
    public var isEstimate: Bool
    /// a constant read off a display by the user
    public var isManual: Bool
    /// samples of the channel over the measured phase, and their rate in Hz
    public var samples: Int
    public var effectiveRate: Double
    /// length of the idle baseline in s, nil when none was taken
    public var idleSeconds: Double?
    /// this channel's power over the idle baseline and the measured requests, thinned; nil in bundles
    /// written before it existed, by imports, and where the samples did not cover the measured phase
    public var timeline: PowerTimeline?

    public init(
        source: String, channel: String, boundary: MeasurementBoundary, quantity: Quantity, isEstimate: Bool,
        isManual: Bool, samples: Int, effectiveRate: Double, idleSeconds: Double?, timeline: PowerTimeline? = nil
    ) {
        self.source = source
        self.channel = channel
        self.boundary = boundary
        self.quantity = quantity
        self.isEstimate = isEstimate
        self.isManual = isManual
        self.samples = samples
        self.effectiveRate = effectiveRate
        self.idleSeconds = idleSeconds
        self.timeline = timeline
    }

    enum CodingKeys: String, CodingKey {
        case source, channel, boundary, quantity
        case isEstimate = "estimate"
        case isManual = "manual"
        case samples
        case effectiveRate = "effective_rate"
        case idleSeconds = "idle_seconds"
        case timeline
    }
}
