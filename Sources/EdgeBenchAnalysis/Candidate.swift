import EdgeBenchCore

/// One configuration as the decision layer (Pareto fronts, scenario rankings) sees it.
///
/// `metrics` maps a metric (`decode_rate`, the mean) or one of its statistics (`ttft.p90`) to its value in
/// SI units (s, tok/s, J/token, W, m³, kg, $; `battery_hours` in h as METRICS.md defines it).
/// An absent key means "not available": decisions never substitute a default for it.
public struct Candidate: Sendable, Equatable {
    public var id: String
    public var metrics: [MetricKey: Double]
    /// Why a metric has no value and what sets it ("no mass in catalog entry rpi5-8gb: set mass_g …"), where
    /// known; decisions print it so a missing value names the field to fill in.
    public var missing: [MetricID: String]

    public init(id: String, metrics: [MetricKey: Double], missing: [MetricID: String] = [:]) {
        self.id = id
        self.metrics = metrics
        self.missing = missing
    }

    /// "no value for mass (no mass in catalog entry rpi5-8gb …)": what a decision says of a missing value.
    public func absence(_ metric: MetricKey) -> String {
        "no value for \(metric)" + (missing[metric.metric].map { " (\($0))" } ?? "")
    }

    /// The value for `metric`, or nil when it is absent, NaN or infinite — a non-finite number is
    /// as unusable for a comparison as a missing one.
    public func value(_ metric: MetricKey) -> Double? {
        guard let value = metrics[metric], value.isFinite else { return nil }
        return value
    }
}
