import EdgeBenchCore

/// The summary table as aligned plain text. Headers take two lines (metric id, then unit) to stay
/// narrow; when even that is wider than the terminal, each configuration is printed as a block of
/// "metric (unit): value" lines instead, so nothing is cut off.
public enum TerminalTable {
    public static func render(_ bundle: ResultBundle, width: Int) -> String {
        let columns = tableColumns(bundle)
        let rows = (0..<(columns.first?.cells.count ?? 0)).map { row in columns.map { $0.cells[row] } }
        var lines = ["run \(bundle.run.id) · \(bundle.environment.machineText)"]
        if TextTable.width(rows) <= width {
            lines += TextTable.lines(rows) { columns[$0].rightAligned ? .right : .left }
        } else {
            lines.append(contentsOf: blocks(bundle))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Column {
        /// two header lines, a rule, then one cell per configuration
        var cells: [String]
        var rightAligned: Bool
    }

    static func tableColumns(_ bundle: ResultBundle) -> [Column] {
        func column(_ name: String, _ unit: String, right: Bool, _ value: (ConfigurationResult) -> String) -> Column {
            let body = bundle.configurations.map(value)
            let width = ([name, unit] + body).map(\.count).max() ?? 0
            return Column(cells: [name, unit, String(repeating: "-", count: width)] + body, rightAligned: right)
        }
        var columns = [
            column("id", "", right: false) { $0.id },
            column("status", "", right: false) { $0.status.rawValue },
            column("n", "", right: true) { ReportColumns.sampleCount($0) },
        ]
        for metric in ReportColumns.metrics(for: bundle) {
            columns.append(column(metric.rawValue, "(\(metric.unit.rawValue))", right: true) {
                ReportColumns.cell($0, metric)
            })
        }
        columns.append(column("flags", "", right: false) { ReportColumns.flags($0.flags) })
        return columns
    }

    static func blocks(_ bundle: ResultBundle) -> [String] {
        var lines: [String] = []
        for configuration in bundle.configurations {
            lines.append("")
            lines.append("\(configuration.id)  \(configuration.status.rawValue)  n=\(ReportColumns.sampleCount(configuration))")
            for metric in ReportColumns.metrics(for: bundle) {
                lines.append("  \(ReportColumns.header(metric)): \(ReportColumns.cell(configuration, metric))")
            }
            lines.append("  flags: \(ReportColumns.flags(configuration.flags))")
        }
        return lines
    }
}
