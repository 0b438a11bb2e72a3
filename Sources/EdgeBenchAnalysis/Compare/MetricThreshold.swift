import EdgeBenchCore
import Foundation

/// How far a metric may move between two runs before the change counts: `ttft=5%` (relative to the
/// base), `ttft=50ms` or `ttft=0.05` (absolute, in the metric's unit; SI when none is written).
public struct MetricThreshold: Sendable, Equatable, CustomStringConvertible {
    public enum Limit: Sendable, Equatable {
        /// a fraction of the base value (0.05 = 5 %)
        case relative(Double)
        /// in the metric's stored (SI) unit
        case absolute(Double)
    }

    /// The key that sets the threshold of every metric not named: `--threshold default=3%`.
    public static let defaultKey = "default"
    /// 5 % relative, package-benchmark's usual tolerance, for every metric not named.
    public static let defaultLimit = Limit.relative(0.05)

    /// The metric it applies to; nil: every metric not named (`default`).
    public var metric: MetricID?
    public var limit: Limit
    /// The unit an absolute limit was written in, used again when printing; nil for relative limits.
    public var unit: UnitScale?

    public init(metric: MetricID?, limit: Limit, unit: UnitScale? = nil) {
        self.metric = metric
        self.limit = limit
        self.unit = unit
    }

    /// Parses `METRIC=VALUE[UNIT]`: `decode_rate=5%`, `ttft=50ms`, `ttft=0.05`, `decode_rate=2tok/s`,
    /// `default=3%` (relative only: one absolute number cannot fit metrics of different units).
    public init(parsing text: String) throws(ThresholdError) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .noEquals(text: text) }
        let name = parts[0].trimmingCharacters(in: .whitespaces)
        let value = parts[1].trimmingCharacters(in: .whitespaces)
        let metric = MetricID(rawValue: name)
        let isDefault = name == Self.defaultKey
        // A derived metric is never in a run's summary: a threshold for it would gate nothing.
        guard isDefault || (metric.map { $0.scope != .derived } ?? false) else {
            throw .unknownMetric(text: text, metric: name)
        }
        guard let (number, rest) = UnitScale.leadingNumber(value) else { throw .badNumber(text: text, value: value) }
        guard number >= 0 else { throw .negative(text: text) }
        let unitText = rest.trimmingCharacters(in: .whitespaces)

        if unitText == "%" {
            self.init(metric: metric, limit: .relative(number / 100))
            return
        }
        guard let metric else { throw .absoluteDefault(text: text) }
        let dimension = MetricDimension.of(metric)
        if unitText.isEmpty {
            let stored = dimension.storedUnit.rawValue
            self.init(metric: metric, limit: .absolute(number), unit: UnitScale(symbol: stored, factor: 1))
            return
        }
        guard let unit = dimension.unit(named: unitText) else {
            throw .unknownUnit(text: text, unit: unitText, metric: name, known: dimension.units.map(\.symbol))
        }
        self.init(metric: metric, limit: .absolute(unit.toStored(number)), unit: unit)
    }

    /// True when moving by `change` (new − base, stored units) from `base` goes past this threshold.
    /// A relative threshold against a base of 0 is passed by any change at all: every change is infinitely
    /// large relative to nothing.
    public func isExceeded(change: Double, base: Double) -> Bool {
        switch limit {
        case .relative(let fraction):
            guard base != 0 else { return change != 0 }
            return abs(change) / abs(base) > fraction
        case .absolute(let amount):
            return abs(change) > amount
        }
    }

    /// "±5 %", "±50 ms", "±2 tok/s".
    public var limitText: String {
        switch limit {
        case .relative(let fraction):
            return "±" + DisplayValue.compact(fraction * 100, significantDigits: 6) + " %"
        case .absolute(let amount):
            let unit = unit ?? UnitScale(symbol: "", factor: 1)
            return "±" + DisplayValue.attach(DisplayValue.compact(unit.fromStored(amount), significantDigits: 6), unit: unit)
        }
    }

    /// "ttft ±50 ms".
    public var description: String { "\(metric?.rawValue ?? Self.defaultKey) \(limitText)" }
}

/// Why a `--threshold` could not be read.
public enum ThresholdError: Error, Sendable, Equatable, CustomStringConvertible {
    case noEquals(text: String)
    case unknownMetric(text: String, metric: String)
    case badNumber(text: String, value: String)
    case negative(text: String)
    case unknownUnit(text: String, unit: String, metric: String, known: [String])
    case absoluteDefault(text: String)

    public var description: String {
        switch self {
        case .noEquals(let text):
            "threshold '\(text)' has no '='; write METRIC=VALUE, e.g. 'ttft=5%' (relative) or 'ttft=50ms' (absolute)"
        case .unknownMetric(let text, let metric):
            "threshold '\(text)': '\(metric)' is not a measured METRICS.md id; use one of "
                + MetricID.measured.map(\.rawValue).joined(separator: ", ") + ", or 'default' for every metric not named"
        case .badNumber(let text, let value):
            "threshold '\(text)': '\(value)' does not start with a number; write e.g. '5%', '50ms' or '0.05'"
        case .negative(let text):
            "threshold '\(text)' is negative; a threshold is a distance either way, write it without a sign"
        case .unknownUnit(let text, let unit, let metric, let known):
            "threshold '\(text)': unit '\(unit)' is not known for \(metric); use '%' for a relative threshold, "
                + "one of \(known.joined(separator: ", ")), or no unit for SI"
        case .absoluteDefault(let text):
            "threshold '\(text)': the default threshold must be relative (e.g. 'default=3%'), since it applies to metrics of different units"
        }
    }
}
