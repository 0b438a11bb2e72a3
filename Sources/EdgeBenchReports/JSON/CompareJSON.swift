import EdgeBenchAnalysis
import Foundation

/// `--json`: run ids, the test, per configuration and metric the means, change and verdict in SI units,
/// added/removed ids and the exit code.
public enum CompareJSON {
    struct Document: Encodable {
        var base: String
        var new: String
        var test: String
        var defaultThreshold: ThresholdJSON
        var configurations: [ConfigurationJSON]
        var added: [String]
        var removed: [String]
        var notes: [String]
        var verdict: String
        var exitCode: Int32

        enum CodingKeys: String, CodingKey {
            case base, new, test
            case defaultThreshold = "default_threshold"
            case configurations, added, removed, notes, verdict
            case exitCode = "exit_code"
        }
    }

    struct ThresholdJSON: Encodable {
        /// "relative" (value is a fraction of the base) or "absolute" (value in the metric's unit)
        var kind: String
        var value: Double
    }

    struct ConfigurationJSON: Encodable {
        var id: String
        var baseStatus: String
        var newStatus: String
        var metrics: [MetricJSON]

        enum CodingKeys: String, CodingKey {
            case id
            case baseStatus = "base_status"
            case newStatus = "new_status"
            case metrics
        }
    }

    struct MetricJSON: Encodable {
        var metric: String
        var unit: String
        var direction: String
        var base: Double?
        var new: Double?
        var nBase: Int
        var nNew: Int
        var change: Double?
        var relativeChange: Double?
        var t: Double?
        var df: Double?
        var p: Double?
        var beyondNoise: Bool?
        var noTest: String?
        /// null for informational metrics, which no threshold gates
        var threshold: ThresholdJSON?
        var beyondThreshold: Bool
        var verdict: String

        enum CodingKeys: String, CodingKey {
            case metric, unit, direction, base, new
            case nBase = "n_base"
            case nNew = "n_new"
            case change
            case relativeChange = "relative_change"
            case t, df, p
            case beyondNoise = "beyond_noise"
            case noTest = "no_test"
            case threshold
            case beyondThreshold = "beyond_threshold"
            case verdict
        }

        // Every key always present (null when undefined), so a CI script can read it without guessing.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(metric, forKey: .metric)
            try c.encode(unit, forKey: .unit)
            try c.encode(direction, forKey: .direction)
            try c.encode(base, forKey: .base)
            try c.encode(new, forKey: .new)
            try c.encode(nBase, forKey: .nBase)
            try c.encode(nNew, forKey: .nNew)
            try c.encode(change, forKey: .change)
            try c.encode(relativeChange, forKey: .relativeChange)
            try c.encode(t, forKey: .t)
            try c.encode(df, forKey: .df)
            try c.encode(p, forKey: .p)
            try c.encode(beyondNoise, forKey: .beyondNoise)
            try c.encode(noTest, forKey: .noTest)
            try c.encode(threshold, forKey: .threshold)
            try c.encode(beyondThreshold, forKey: .beyondThreshold)
            try c.encode(verdict, forKey: .verdict)
        }
    }

    static func threshold(_ limit: MetricThreshold.Limit) -> ThresholdJSON {
        switch limit {
        case .relative(let fraction): ThresholdJSON(kind: "relative", value: fraction)
        case .absolute(let amount): ThresholdJSON(kind: "absolute", value: amount)
        }
    }

    /// JSON has no ±∞ or NaN: such a number is written as null.
    private static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }

    static func document(_ comparison: RunComparison) -> Document {
        let configurations = comparison.configurations.map { configuration in
            ConfigurationJSON(
                id: configuration.id, baseStatus: configuration.baseStatus.rawValue,
                newStatus: configuration.newStatus.rawValue,
                metrics: configuration.metrics.map { row in
                    var noTest: String?
                    if case .notPossible(let why) = row.test { noTest = why }
                    return MetricJSON(
                        metric: row.metric.rawValue, unit: row.unit.rawValue, direction: row.direction.rawValue,
                        base: finite(row.base), new: finite(row.new), nBase: row.baseSummary.n, nNew: row.newSummary.n,
                        change: finite(row.change), relativeChange: finite(row.relativeChange),
                        t: finite(row.test.test?.t), df: finite(row.test.test?.degreesOfFreedom), p: finite(row.p),
                        beyondNoise: row.beyondNoise, noTest: noTest, threshold: row.direction == .informational ? nil : threshold(row.threshold.limit),
                        beyondThreshold: row.beyondThreshold, verdict: row.verdict.rawValue)
                })
        }
        return Document(
            base: comparison.baseRunID, new: comparison.newRunID, test: WelchTest.name,
            defaultThreshold: threshold(comparison.defaultThreshold), configurations: configurations,
            added: comparison.added, removed: comparison.removed, notes: comparison.notes,
            verdict: comparison.verdictLine, exitCode: comparison.exitCode)
    }

    public static func encode(_ comparison: RunComparison) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document(comparison))
    }
}
