/// One configuration as the decision layer (Pareto fronts, scenario rankings) sees it.
///
/// `metrics` maps a METRICS.md id (`decode_rate`, the mean) or `id.stat` (`ttft.p90`) to its value in
/// SI units (s, tok/s, J/token, W, m³, kg, $; `battery_hours` in h as METRICS.md defines it).
/// An absent key means "not available": decisions never substitute a default for it.
public struct Candidate: Sendable, Equatable {
    public var id: String
    public var metrics: [String: Double]

    public init(id: String, metrics: [String: Double]) {
        self.id = id
        self.metrics = metrics
    }

    /// The value for `metric`, or nil when it is absent, NaN or infinite — a non-finite number is
    /// as unusable for a comparison as a missing one.
    public func value(_ metric: String) -> Double? {
        guard let value = metrics[metric], value.isFinite else { return nil }
        return value
    }
}
