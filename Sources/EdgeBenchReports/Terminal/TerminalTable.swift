import EdgeBenchCore

/// The summary table as aligned plain text. Headers take two lines (metric id, then unit) to stay
/// narrow; when even that is wider than the terminal, each configuration is printed as a block of
/// "metric (unit): value" lines instead, so nothing is cut off.
public enum TerminalTable {
    /// `requestCounts`: each configuration's number of measured requests, for a bundle without its
    /// requests (a finished run's, counted while its results were written); nil: counted from the bundle.
    public static func render(_ bundle: ResultBundle, width: Int, requestCounts: [Int]? = nil) -> String {
        let counts = ReportColumns.requestCounts(bundle, given: requestCounts)
        let columns = tableColumns(bundle, requestCounts: counts)
        let rows = (0..<(columns.first?.cells.count ?? 0)).map { row in columns.map { $0.cells[row] } }
        var lines = ["run \(bundle.run.id) · \(bundle.environment.machineText)"]
        if TextTable.width(rows) <= width {
            lines += TextTable.lines(rows) { columns[$0].rightAligned ? .right : .left }
        } else {
            lines.append(contentsOf: blocks(bundle, requestCounts: counts))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Column {
        /// two header lines, a rule, then one cell per configuration
        var cells: [String]
        var rightAligned: Bool
    }

    static func tableColumns(_ bundle: ResultBundle, requestCounts: [Int]) -> [Column] {
        func column(_ name: String, _ unit: String, right: Bool, _ value: (ConfigurationResult) -> String) -> Column {
            let body = bundle.configurations.map(value)
            return filled(name, unit, right: right, body: body)
        }
        func filled(_ name: String, _ unit: String, right: Bool, body: [String]) -> Column {
            let width = ([name, unit] + body).map(\.count).max() ?? 0
            return Column(cells: [name, unit, String(repeating: "-", count: width)] + body, rightAligned: right)
        }
        var columns = [
            column("id", "", right: false) { $0.id },
            column("status", "", right: false) { $0.status.rawValue },
            filled(
                "n", "", right: true,
                body: zip(bundle.configurations, requestCounts).map { ReportColumns.sampleCount($0, requests: $1) }),
        ]
        for metric in ReportColumns.metrics(for: bundle) {
            columns.append(column(metric.rawValue, "(\(metric.unit.rawValue))", right: true) {
                ReportColumns.cell($0, metric)
            })
        }
        columns.append(column("flags", "", right: false) { ReportColumns.flags($0.flags) })
        return columns
    }

    static func blocks(_ bundle: ResultBundle, requestCounts: [Int]) -> [String] {
        var lines: [String] = []
        for (configuration, requests) in zip(bundle.configurations, requestCounts) {
            lines.append("")
            lines.append(
                "\(configuration.id)  \(configuration.status.rawValue)  n=\(ReportColumns.sampleCount(configuration, requests: requests))")
            for metric in ReportColumns.metrics(for: bundle) {
                lines.append("  \(ReportColumns.header(metric)): \(ReportColumns.cell(configuration, metric))")
            }
            lines.append("  flags: \(ReportColumns.flags(configuration.flags))")
        }
        return lines
    }
}
