import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation

struct Compare: ParsableCommand {
    /// Not 2: that code means "regressed" here, and a typo must not read as a regression in CI.
    static let comparisonImpossible = ExitCode(1)

    static let configuration = CommandConfiguration(
        abstract: "Compare two runs configuration by configuration, with a regression gate for CI.",
        discussion: """
            BASE and NEW are run directories (edgebench-results/<run id>/) or bundle.json files. Configurations are paired by id; those in only one run are listed as added or removed. For every metric both summarised, the means are compared: the change, the relative change, and whether it is beyond noise by Welch's t-test (two-sided, α = 0.05, from mean, standard deviation and n; with n < 2 on a side no test is possible, and the output says so).

            Verdicts: regressed (worse past the threshold AND beyond noise), improved (better past the threshold AND beyond noise), unchanged (within the threshold), noisy (past the threshold but not beyond noise: measure again with more requests), informational (n_in, n_out and load_time: token counts describe the work, not the speed, and load time depends on the page cache; shown, never gating). A configuration that completed in BASE but not in NEW counts as regressed.

            Thresholds: --threshold METRIC=5% (relative to BASE) or METRIC=50ms / METRIC=0.05 / METRIC=2tok/s (absolute, in the metric's unit; SI when none is written); --threshold default=3% for every metric not named (otherwise 5 %).

            EXIT CODES (package-benchmark's)
              0    every metric within its threshold (or only noisy changes)
              1    the comparison could not be made (unreadable run, bad --threshold or --metrics)
              2    a metric regressed, or a configuration no longer completes
              4    improvements only, no regression

            Examples:
              edgebench compare edgebench-results/2026-11-20T10-00-00Z edgebench-results/2026-11-23T10-00-00Z
              edgebench compare base/bundle.json new/bundle.json --threshold ttft=50ms --threshold decode_rate=3% --json
            """)

    @Argument(help: "The base run: a run directory or a bundle.json.")
    var base: String

    @Argument(help: "The new run: a run directory or a bundle.json.")
    var new: String

    @Option(
        name: .customLong("threshold"),
        help: "METRIC=5% (relative) or METRIC=50ms (absolute); repeatable; default=N% for metrics not named.")
    var thresholds: [String] = []

    @Option(help: "Only these metrics, METRICS.md ids separated by commas (default: every metric both runs have).")
    var metrics: String?

    @ArgumentParser.Flag(help: "Print the comparison as JSON (values in SI units) and nothing else on stdout.")
    var json = false

    func run() throws {
        let parsedThresholds: [MetricThreshold]
        let parsedMetrics: [MetricID]?
        let baseBundle: ResultBundle
        let newBundle: ResultBundle
        do {
            parsedThresholds = try thresholds.map { text throws(ThresholdError) in try MetricThreshold(parsing: text) }
            parsedMetrics = try metrics.map(Self.metricList)
            baseBundle = try AnalysisInput.bundle(at: base)
            newBundle = try AnalysisInput.bundle(at: new)
        } catch let error as ValidationError {
            Stderr.error(error.message)
            throw Self.comparisonImpossible
        } catch {
            Stderr.error(String(describing: error))
            throw Self.comparisonImpossible
        }
        let comparison = RunComparison.compare(
            base: baseBundle, new: newBundle, thresholds: parsedThresholds, metrics: parsedMetrics)
        if json {
            FileHandle.standardOutput.write(try CompareJSON.encode(comparison))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(CompareText.render(comparison))
        }
        if comparison.exitCode != 0 { throw ExitCode(comparison.exitCode) }
    }

    static func metricList(_ text: String) throws -> [MetricID] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw ValidationError("--metrics is empty; list METRICS.md ids separated by commas, e.g. ttft,decode_rate")
        }
        return try names.map { name in
            guard let id = MetricID(rawValue: name) else {
                throw ValidationError(
                    "--metrics: '\(name)' is not a METRICS.md id; use one of "
                        + MetricID.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return id
        }
    }
}

// MARK: - Text

/// Per configuration a table (metric with its display unit, base, new, change, change %, p, threshold,
/// verdict), the reasons no test was possible under it, then added/removed configurations and the verdict.
enum CompareText {
    static func render(_ comparison: RunComparison) -> String {
        let defaultText = MetricThreshold(metric: MetricThreshold.defaultKey, limit: comparison.defaultThreshold).limitText
        var lines = [
            "\(comparison.newRunID) (new) against \(comparison.baseRunID) (base): means, \(WelchTest.name); "
                + "default threshold \(defaultText)"
        ]
        for configuration in comparison.configurations {
            lines.append("")
            var heading = configuration.id
            if configuration.brokeInNew {
                heading += " — \(configuration.newStatus.rawValue) in the new run"
                    + (configuration.newError.map { ": \($0)" } ?? "") + " (counts as regressed)"
            }
            lines.append(heading)
            guard !configuration.metrics.isEmpty else {
                lines.append("  (no metric summarised in both runs)")
                continue
            }
            lines += table(configuration.metrics)
            var untested: [String: [String]] = [:]
            for row in configuration.metrics {
                if case .notPossible(let why) = row.test { untested[why, default: []].append(row.metric) }
            }
            for (why, metrics) in untested.sorted(by: { $0.key < $1.key }) {
                lines.append("  p n/a for \(metrics.joined(separator: ", ")): \(why)")
            }
        }
        if !comparison.added.isEmpty {
            lines.append("")
            lines.append("added (only in the new run): " + comparison.added.joined(separator: ", "))
        }
        if !comparison.removed.isEmpty {
            lines.append("")
            lines.append("removed (only in the base run): " + comparison.removed.joined(separator: ", "))
        }
        if !comparison.notes.isEmpty {
            lines.append("")
            lines.append("notes")
            lines += comparison.notes.map { "  " + $0 }
        }
        lines.append("")
        lines.append(comparison.verdictLine)
        return lines.joined(separator: "\n")
    }

    static func table(_ rows: [MetricComparison]) -> [String] {
        var cells: [[String]] = [["metric", "base", "new", "change", "change %", "p", "threshold", "verdict"]]
        for row in rows { cells.append(cellTexts(row)) }
        return aligned(cells)
    }

    private static func cellTexts(_ row: MetricComparison) -> [String] {
        let unit = DisplayValue.unit(for: row.metric, values: [row.base, row.new])
        let unitText = unit.symbol.isEmpty ? "" : " (\(unit.symbol))"
        var relative = "n/a"
        if let change = row.relativeChange { relative = signed(String(format: "%.1f", change * 100), change) + " %" }
        var p = "n/a"
        if let value = row.p { p = pText(value) }
        // An informational metric never gates, so no threshold applies to it.
        let threshold = row.direction == .informational ? "—" : row.threshold.limitText
        return [
            row.metric + unitText, DisplayValue.readable(unit.fromStored(row.base)),
            DisplayValue.readable(unit.fromStored(row.new)),
            signed(DisplayValue.readable(unit.fromStored(row.change)), row.change), relative, p, threshold,
            row.verdict.rawValue,
        ]
    }

    /// Text columns (the first and last) left-aligned, numbers right-aligned, two spaces apart.
    private static func aligned(_ cells: [[String]]) -> [String] {
        var widths = [Int](repeating: 0, count: cells[0].count)
        for row in cells {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        var lines: [String] = []
        for row in cells {
            var parts: [String] = []
            for (column, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                parts.append(column == 0 || column == row.count - 1 ? cell + pad : pad + cell)
            }
            var line = "  " + parts.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines
    }

    /// p to three decimals; below that, a bound (a printed "0.000" would claim certainty).
    static func pText(_ p: Double) -> String {
        p < 0.001 ? "<0.001" : String(format: "%.3f", p)
    }

    private static func signed(_ text: String, _ value: Double) -> String {
        value > 0 && !text.hasPrefix("+") ? "+" + text : text
    }
}

// MARK: - JSON

/// `--json`: run ids, the test, per configuration and metric the means, change and verdict in SI units,
/// added/removed ids and the exit code.
enum CompareJSON {
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
                        metric: row.metric, unit: row.unit.rawValue, direction: row.direction.rawValue,
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

    static func encode(_ comparison: RunComparison) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document(comparison))
    }
}
