import EdgeBenchAnalysis
import EdgeBenchCore

/// `edgebench report --format md`: the summary and the methodology's matrix, fit to paste into an issue
/// or a paper draft. The same sentences and cells as `report.html`, without the charts.
public enum AnalysisMarkdown {
    public static func render(bundles: [ResultBundle], analysis: AnalysisReport) -> String {
        let entries = ReportEntry.make(bundles: bundles, analysis: analysis)
        let matrix = ResultsMatrix(entries)
        var lines = ["## \(MarkdownReport.escape(HTMLReport.title(bundles)))", ""]
        for bundle in bundles {
            lines.append(MarkdownReport.escape(
                "Run \(bundle.run.id): EdgeBench \(bundle.run.edgebenchVersion) on \(bundle.environment.hostname) "
                    + "(\(bundle.environment.machineText)), started \(bundle.run.startedAt), "
                    + "\(bundle.configurations.count) configurations."))
            lines.append("")
        }
        lines.append("### Which configuration should I deploy, and what do I give up?")
        lines.append("")
        // a quoted blank line between sentences keeps each its own paragraph inside the quote
        lines.append(DecisionText.recommendation(analysis).map { "> " + MarkdownReport.escape($0) }.joined(separator: "\n>\n"))
        lines.append("")
        if analysis.ranking != nil {
            lines.append(contentsOf: DecisionText.rankingTop(analysis).map(MarkdownReport.escape))
            lines.append("")
        }
        let objectives = analysis.pareto.objectives.map(\.description).joined(separator: ", ")
        lines.append("### Pareto front (\(objectives))")
        lines.append("")
        lines.append(contentsOf: DecisionText.front(analysis).map { "- " + MarkdownReport.escape($0) })
        lines.append("")
        lines.append("### Results matrix")
        lines.append("")
        lines.append(contentsOf: table(matrix))
        lines.append("")
        lines.append("Each cell: mean ± sample standard deviation (n, CV); – = not measured.")
        lines.append("")
        for metric in ResultsMatrix.metrics {
            lines.append("- `\(metric.rawValue)` (\(metric.unit.rawValue)): \(MarkdownReport.escape(metric.definition))")
        }
        let flagged = entries.filter { !$0.analysis.flags.isEmpty }
        if !flagged.isEmpty {
            lines.append("")
            lines.append("Flags:")
            lines.append("")
            for entry in flagged {
                let text = entry.analysis.flags.map { "`\($0)` (\(FlagLegend.meaning($0)))" }.joined(separator: ", ")
                lines.append("- `\(entry.id)`: \(MarkdownReport.escape(text))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per model and metric, one column per setup.
    static func table(_ matrix: ResultsMatrix) -> [String] {
        guard !matrix.models.isEmpty else { return ["No completed configuration."] }
        let header = ["model", "metric"] + matrix.setups.map(MarkdownReport.escape)
        var lines = [row(header), row(["---", "---"] + matrix.setups.map { _ in "--:" })]
        for model in matrix.models {
            for metric in ResultsMatrix.metrics {
                let cells = matrix.setups.map { setup -> String in
                    let cell = matrix.cell(model: model, setup: setup, metric: metric)
                    return cell.detail.isEmpty ? cell.value : "\(cell.value) (\(cell.detail))"
                }
                lines.append(row([MarkdownReport.escape(model), matrix.header(metric)] + cells.map(MarkdownReport.escape)))
            }
        }
        return lines
    }

    private static func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
}
