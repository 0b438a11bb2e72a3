import Foundation

/// A metric, or one statistic of its summary: `decode_rate` (the mean over the measured requests),
/// `ttft.p90`. Objectives, constraints, scenario weights and candidates' values are keyed by it; text
/// becomes a `MetricKey` once, where a user wrote it, with an error that names what is known.
public struct MetricKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The statistics of a `Summary` a key may name after the metric id.
    public enum Statistic: String, Sendable, CaseIterable {
        case median, min, max, p50, p90, p99, stddev, cv

        /// A spread is better small whatever its metric: a steadier decode rate is better even though
        /// a higher one is.
        public var isSpread: Bool { self == .stddev || self == .cv }

        public func value(in summary: Summary) -> Double? {
            switch self {
            case .median: summary.median
            case .min: summary.min
            case .max: summary.max
            case .p50: summary.p50
            case .p90: summary.p90
            case .p99: summary.p99
            case .stddev: summary.stddev
            case .cv: summary.cv
            }
        }
    }

    public var metric: MetricID
    /// nil: the mean (or, for a derived metric, its one value)
    public var statistic: Statistic?

    public init(_ metric: MetricID, _ statistic: Statistic? = nil) {
        self.metric = metric
        self.statistic = statistic
    }

    /// `decode_rate`, `ttft.p90`, `decode_rate.cv`.
    public init(parsing text: String) throws(MetricKeyError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let metric = MetricID(rawValue: String(parts[0])) else { throw .unknownMetric(String(parts[0])) }
        guard parts.count == 2 else {
            self.init(metric)
            return
        }
        guard let statistic = Statistic(rawValue: String(parts[1])) else {
            throw .unknownStatistic(key: trimmed, statistic: String(parts[1]))
        }
        self.init(metric, statistic)
    }

    public var description: String { statistic.map { "\(metric.rawValue).\($0.rawValue)" } ?? metric.rawValue }

    /// The direction in which this key improves when nothing else says so; nil where none is known.
    public var defaultDirection: OptimizationDirection? {
        if statistic?.isSpread == true { return .minimize }
        return metric.defaultDirection
    }

    /// The unit of the value: the metric's, except the coefficient of variation, a plain ratio.
    public var unit: MetricUnit { statistic == .cv ? .ratio : metric.unit }

    public static func < (lhs: MetricKey, rhs: MetricKey) -> Bool {
        if lhs.metric != rhs.metric { return lhs.metric < rhs.metric }
        let order = Statistic.allCases
        let l = lhs.statistic.flatMap(order.firstIndex(of:)) ?? -1
        let r = rhs.statistic.flatMap(order.firstIndex(of:)) ?? -1
        return l < r
    }
}

/// Why text did not name a metric.
public enum MetricKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownMetric(String)
    case unknownStatistic(key: String, statistic: String)

    public var description: String {
        switch self {
        case .unknownMetric(let name):
            "unknown metric '\(name)'; the metrics are "
                + MetricID.allCases.map(\.rawValue).joined(separator: ", ") + " (docs/METRICS.md)"
        case .unknownStatistic(let key, let statistic):
            "'\(key)': unknown statistic '\(statistic)'; write METRIC for the mean or METRIC.STAT with STAT one of "
                + MetricKey.Statistic.allCases.map(\.rawValue).joined(separator: ", ")
        }
    }
}
