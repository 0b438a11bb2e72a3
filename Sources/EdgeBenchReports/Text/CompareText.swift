import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation

/// Per configuration a table (metric with its display unit, base, new, change, change %, p, threshold,
/// verdict), the reasons no test was possible under it, then added/removed configurations and the verdict.
public enum CompareText {
    public static func render(_ comparison: RunComparison) -> String {
        let defaultText = MetricThreshold(metric: nil, limit: comparison.defaultThreshold).limitText
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
                if case .notPossible(let why) = row.test { untested[why, default: []].append(row.metric.rawValue) }
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
        let (base, new, change) = changeTexts(
            base: unit.fromStored(row.base), new: unit.fromStored(row.new), change: unit.fromStored(row.change))
        return [
            row.metric.rawValue + unitText, base, new, signed(change, row.change), relative, p, threshold,
            row.verdict.rawValue,
        ]
    }

    /// Base, new and change to one decimal place, the one that shows two significant digits of the change
    /// (never fewer places than `DisplayValue.readable` gives, never more than six significant digits of the
    /// larger value): a −0.5 % change of 1.36 reads "1.364  1.357  -0.0070", not "1.4  1.4  -0.0070".
    static func changeTexts(base: Double, new: Double, change: Double) -> (String, String, String) {
        guard base.isFinite, new.isFinite, change.isFinite else {
            return (DisplayValue.readable(base), DisplayValue.readable(new), DisplayValue.readable(change))
        }
        let largest = max(abs(base), abs(new))
        let readable = largest >= 100 ? 0 : largest >= 1 ? 1 : NumberText.decimals(for: largest, significant: 2)
        let needed = change == 0 ? readable : NumberText.decimals(for: change, significant: 2)
        let places = min(max(readable, needed), max(readable, NumberText.decimals(for: largest, significant: 6)))
        return (
            NumberText.fixed(base, decimals: places), NumberText.fixed(new, decimals: places),
            NumberText.fixed(change, decimals: places)
        )
    }

    /// Text columns (the first and last) left-aligned, numbers right-aligned, two spaces apart.
    private static func aligned(_ cells: [[String]]) -> [String] {
        let last = (cells.first?.count ?? 1) - 1
        return TextTable.lines(cells, indent: "  ") { $0 == 0 || $0 == last ? .left : .right }
    }

    /// p to three decimals; below that, a bound (a printed "0.000" would claim certainty).
    static func pText(_ p: Double) -> String {
        p < 0.001 ? "<0.001" : String(format: "%.3f", p)
    }

    private static func signed(_ text: String, _ value: Double) -> String {
        value > 0 && !text.hasPrefix("+") ? "+" + text : text
    }
}
