import EdgeBenchCore
import Foundation

/// A results table fit to paste into an issue: one row per configuration, then where the numbers
/// come from (machine, engine, model) and what each column means.
public enum MarkdownReport {
    /// `requestCounts`: each configuration's number of measured requests, for a bundle without its
    /// requests (the end-of-run export counts them while streaming); nil: counted from the bundle.
    public static func render(_ bundle: ResultBundle, requestCounts: [Int]? = nil) -> String {
        var lines: [String] = []
        let title = bundle.run.planName.map { "EdgeBench results: \($0)" } ?? "EdgeBench results"
        lines.append("## \(title) (run \(escape(bundle.run.id)))")
        lines.append("")
        lines.append(contentsOf: table(bundle, requestCounts: ReportColumns.requestCounts(bundle, given: requestCounts)))
        lines.append("")
        lines.append(contentsOf: provenance(bundle))
        let failures = bundle.configurations.filter { $0.status != .completed }
        if !failures.isEmpty {
            lines.append("")
            lines.append("Not completed:")
            lines.append("")
            for configuration in failures {
                let reason = configuration.error.map { ": \(escape(oneLine($0)))" } ?? ""
                lines.append("- `\(configuration.id)` \(configuration.status.rawValue)\(reason)")
            }
        }
        lines.append("")
        lines.append(contentsOf: definitions(bundle))
        return lines.joined(separator: "\n") + "\n"
    }

    static func table(_ bundle: ResultBundle, requestCounts: [Int]) -> [String] {
        let metrics = ReportColumns.metrics(for: bundle)
        let headers = ["id", "status", "n"] + metrics.map(ReportColumns.header) + ["flags"]
        let alignment = [":--", ":--", "--:"] + metrics.map { _ in "--:" } + [":--"]
        var lines = [row(headers), row(alignment)]
        for (configuration, requests) in zip(bundle.configurations, requestCounts) {
            let cells = [
                "`\(configuration.id)`", configuration.status.rawValue,
                ReportColumns.sampleCount(configuration, requests: requests),
            ] + metrics.map { ReportColumns.cell(configuration, $0) }
                + [ReportColumns.flags(configuration.flags)]
            lines.append(row(cells))
        }
        return lines
    }

    static func provenance(_ bundle: ResultBundle) -> [String] {
        var lines: [String] = []
        var machine = "Machine: \(escape(bundle.environment.machineText))"
        if let os = bundle.environment.os { machine += ", \(escape(os))" }
        if let kernel = bundle.environment.kernel { machine += ", kernel \(escape(kernel))" }
        machine += "; EdgeBench \(escape(bundle.run.edgebenchVersion)), run started \(escape(bundle.run.startedAt))."
        lines.append(machine)
        lines.append("")
        for configuration in bundle.configurations {
            var engine = configuration.engine.versionText
            if let offload = configuration.engine.offload { engine += ", offload \(offload)" }
            if let power = configuration.power { engine += "; " + power.provenanceText }
            lines.append(
                "- `\(configuration.id)`: \(escape(engine)); model \(escape(configuration.model.provenanceText))")
        }
        return lines
    }

    static func definitions(_ bundle: ResultBundle) -> [String] {
        ["Metrics (METRICS.md ids; values are mean ± sample standard deviation over the measured requests):", ""]
            + ReportColumns.metrics(for: bundle).map {
                "- `\($0.rawValue)` (\($0.unit.rawValue)): \($0.definition)"
            }
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// A `|` would end a table cell, `*` would start emphasis, `<` an HTML tag.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "|*<>`\\".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
