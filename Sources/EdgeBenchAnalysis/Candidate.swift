import EdgeBenchCore

/// One configuration as the decision layer (Pareto fronts, scenario rankings) sees it.
///
/// `metrics` maps a metric (`decode_rate`, the mean) or one of its statistics (`ttft.p90`) to its value in
/// SI units (s, tok/s, J/token, W, m³, kg, $; `battery_hours` in h as METRICS.md defines it).
/// An absent key means "not available": decisions never substitute a default for it.
public struct Candidate: Sendable, Equatable {
    public var id: String
    public var metrics: [MetricKey: Double]

    public init(id: String, metrics: [MetricKey: Double]) {
        self.id = id
        self.metrics = metrics
    }

    /// The value for `metric`, or nil when it is absent, NaN or infinite — a non-finite number is
    /// as unusable for a comparison as a missing one.
    public func value(_ metric: MetricKey) -> Double? {
        guard let value = metrics[metric], value.isFinite else { return nil }
        return value
    }
}
