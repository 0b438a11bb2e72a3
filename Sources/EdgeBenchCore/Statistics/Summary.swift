/// Statistics of one metric over the measured requests of one configuration (METRICS.md, Statistics).
public struct Summary: Sendable, Equatable, Codable {
    public var unit: MetricUnit
    public var n: Int
    public var mean: Double
    public var median: Double
    /// sample standard deviation (n − 1); nil when n < 2
    public var stddev: Double?
    /// stddev / mean; nil when undefined
    public var cv: Double?
    public var min: Double
    public var max: Double
    public var p50: Double
    public var p90: Double
    public var p99: Double
    /// 95 % confidence interval of the mean (Student t); nil when n < 2
    public var ci95: [Double]?

    public init(
        unit: MetricUnit, n: Int, mean: Double, median: Double, stddev: Double?, cv: Double?,
        min: Double, max: Double, p50: Double, p90: Double, p99: Double, ci95: [Double]?
    ) {
        self.unit = unit
        self.n = n
        self.mean = mean
        self.median = median
        self.stddev = stddev
        self.cv = cv
        self.min = min
        self.max = max
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.ci95 = ci95
    }

    // Spelled out so the bundle's keys stay fixed if a property is renamed.
    enum CodingKeys: String, CodingKey {
        case unit, n, mean, median, stddev, cv, min, max, p50, p90, p99, ci95
    }
}
