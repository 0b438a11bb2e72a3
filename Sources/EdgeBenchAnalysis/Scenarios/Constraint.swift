import EdgeBenchCore
import Foundation

/// How a constraint compares a candidate's value with its threshold.
public enum ComparisonOperator: String, Sendable, Equatable, CaseIterable {
    case lessOrEqual = "<="
    case less = "<"
    case greaterOrEqual = ">="
    case greater = ">"
    case equal = "=="

    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .lessOrEqual: value <= threshold
        case .less: value < threshold
        case .greaterOrEqual: value >= threshold
        case .greater: value > threshold
        // A threshold is typed in a unit that rounds; equal within a part in a billion is equal.
        case .equal: abs(value - threshold) <= 1e-9 * max(abs(value), abs(threshold))
        }
    }

    /// The relation that holds when this one fails, for the failure reason ("12.3 W > 10 W").
    var violation: String {
        switch self {
        case .lessOrEqual: ">"
        case .less: ">="
        case .greaterOrEqual: "<"
        case .greater: "<="
        case .equal: "≠"
        }
    }

    /// Longest spellings first so "<=" is not read as "<".
    static let spellings: [(String, ComparisonOperator)] = [
        ("<=", .lessOrEqual), ("≤", .lessOrEqual), (">=", .greaterOrEqual), ("≥", .greaterOrEqual),
        ("==", .equal), ("<", .less), (">", .greater), ("=", .equal),
    ]
}

/// A hard limit a configuration must meet to be ranked at all: `mean_power <= 10 W`, `ttft.p90 <= 1 s`.
public struct Constraint: Sendable, Equatable, CustomStringConvertible {
    /// Metric key, as in `Candidate.metrics`.
    public var metric: MetricKey
    public var comparison: ComparisonOperator
    /// In stored units (SI; h for `battery_hours`).
    public var threshold: Double
    /// The unit the threshold was written in, used again when printing.
    public var unit: UnitScale
    /// Set when no unit was written and the stored unit was assumed; said in `description`.
    public var unitAssumed: Bool

    public init(metric: MetricKey, comparison: ComparisonOperator, threshold: Double, unit: UnitScale, unitAssumed: Bool = false) {
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
        self.unit = unit
        self.unitAssumed = unitAssumed
    }

    /// Parses `METRIC OP VALUE [UNIT]`, e.g. `volume <= 200 cm3`, `price < $300`, `decode_rate >= 5 tok/s`.
    public init(parsing text: String) throws(ConstraintError) {
        guard let (operatorRange, comparison) = Self.findOperator(in: text) else {
            throw .noOperator(text: text)
        }
        let name = text[..<operatorRange.lowerBound].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
            throw .badMetric(text: text, metric: name)
        }
        let metric: MetricKey
        do { metric = try MetricKey(parsing: name) } catch { throw .unknownMetric(text: text, error) }
        var rest = text[operatorRange.upperBound...].trimmingCharacters(in: .whitespaces)
        var unitText = ""
        if rest.hasPrefix("$") {
            unitText = "$"
            rest = String(rest.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        guard let (number, afterNumber) = UnitScale.leadingNumber(rest) else {
            throw .badNumber(text: text, value: rest)
        }
        let trailing = afterNumber.trimmingCharacters(in: .whitespaces)
        if !trailing.isEmpty {
            guard unitText.isEmpty else { throw .badNumber(text: text, value: rest) }
            unitText = trailing
        }

        let dimension = MetricDimension.of(metric)
        if unitText.isEmpty {
            let symbol = dimension.storedUnit.rawValue
            self.init(metric: metric, comparison: comparison, threshold: number,
                      unit: UnitScale(symbol: symbol == "ratio" ? "" : symbol, factor: 1), unitAssumed: true)
            return
        }
        guard let unit = dimension.unit(named: unitText) else {
            throw .unknownUnit(text: text, unit: unitText, metric: name, known: dimension.units.map(\.symbol))
        }
        self.init(metric: metric, comparison: comparison, threshold: unit.toStored(number), unit: unit)
    }

    /// "mean_power <= 10 W", "price < $300", "mean_power <= 10 (no unit given: W assumed)".
    public var description: String {
        let number = DisplayValue.compact(unit.fromStored(threshold), significantDigits: 6)
        let base = "\(metric) \(comparison.rawValue) \(DisplayValue.attach(number, unit: unit))"
        guard unitAssumed else { return base }
        let assumed = unit.symbol.isEmpty ? "a plain ratio" : unit.symbol
        return "\(metric) \(comparison.rawValue) \(number) (no unit given: \(assumed) assumed)"
    }

    /// Nil when `candidate` meets the constraint; otherwise why not. A missing value fails: a limit
    /// that cannot be checked is not met.
    public func check(_ candidate: Candidate) -> ConstraintFailure? {
        guard let value = candidate.value(metric) else {
            return ConstraintFailure(constraint: self, value: nil,
                                     reason: "no value for \(metric) — cannot check \(self)")
        }
        if comparison.holds(value, threshold) { return nil }
        let shown = DisplayValue.attach(DisplayValue.compact(unit.fromStored(value)), unit: unit)
        let limit = DisplayValue.attach(DisplayValue.compact(unit.fromStored(threshold), significantDigits: 6), unit: unit)
        return ConstraintFailure(constraint: self, value: value,
                                 reason: "\(metric) \(shown) \(comparison.violation) \(limit)")
    }

    private static func findOperator(in text: String) -> (Range<String.Index>, ComparisonOperator)? {
        var best: (Range<String.Index>, ComparisonOperator)?
        for (spelling, comparison) in ComparisonOperator.spellings {
            guard let range = text.range(of: spelling) else { continue }
            if let current = best, current.0.lowerBound <= range.lowerBound { continue }
            best = (range, comparison)
        }
        return best
    }
}

/// A constraint a candidate did not meet, with the sentence that says why.
public struct ConstraintFailure: Sendable, Equatable {
    public var constraint: Constraint
    /// The candidate's value in stored units; nil when it had none.
    public var value: Double?
    /// "mean_power 12.3 W > 10 W", "no value for volume — cannot check volume <= 200 cm³".
    public var reason: String

    public init(constraint: Constraint, value: Double?, reason: String) {
        self.constraint = constraint
        self.value = value
        self.reason = reason
    }
}

/// Why a constraint could not be read.
public enum ConstraintError: Error, Sendable, Equatable, CustomStringConvertible {
    case noOperator(text: String)
    case badMetric(text: String, metric: String)
    case badNumber(text: String, value: String)
    case unknownUnit(text: String, unit: String, metric: String, known: [String])
    case unknownMetric(text: String, MetricKeyError)

    public var description: String {
        switch self {
        case .noOperator(let text):
            "constraint '\(text)' has no comparison; write METRIC OP VALUE UNIT with OP one of <= < >= > ==, e.g. 'mean_power <= 10 W'"
        case .badMetric(let text, let metric):
            "constraint '\(text)': '\(metric)' is not a metric name; write a METRICS.md id such as mean_power or ttft.p90 before the comparison"
        case .badNumber(let text, let value):
            "constraint '\(text)': '\(value)' does not start with a number; write e.g. '200 cm3' or '$300'"
        case .unknownUnit(let text, let unit, let metric, let known):
            "constraint '\(text)': unit '\(unit)' is not known for \(metric); use one of \(known.joined(separator: ", ")), or no unit for SI"
        case .unknownMetric(let text, let error):
            "constraint '\(text)': \(error)"
        }
    }
}
