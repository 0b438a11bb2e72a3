/// `nvidia-smi --query-gpu=… --format=csv[,noheader][,nounits]` captures, one row per GPU per sample.
/// Readings are named `gpu<N> <field>` (`gpu0 power.draw`): N from the `index` column, else GPUs
/// numbered in order of first appearance by uuid / bus id, else 0. Rows carry no time unless the
/// query had one, and `timestamp` is not read yet, so readings have `t == nil`.
///
/// A capture without header is read with `NvidiaSMISource.queryFields` (what EdgeBench itself runs),
/// or with the fields passed to `parse(_:fields:)`; an echoed `nvidia-smi --query-gpu=…` command line
/// in the capture names them too.
public enum NvidiaSMILog: TelemetryLogParser {
    public static let format = "nvidia-smi"

    static let recommendedCommand =
        "nvidia-smi --query-gpu=\(NvidiaSMISource.queryFields.joined(separator: ",")) --format=csv,noheader,nounits -lms 100"

    public static func read(_ lines: LogLines, into sink: inout some TelemetryLogSink) throws -> LogDescription {
        try read(lines, fields: nil, into: &sink)
    }

    /// `fields`: the `--query-gpu` list of a capture without header (a header in the text wins).
    public static func parse(_ text: String, fields: [String]?) throws -> TelemetryLog {
        var collector = LogCollector()
        let description = try read(LogLines(text: text), fields: fields, into: &collector)
        return TelemetryLog(description, readings: collector.readings)
    }

    public static func read(
        _ lines: LogLines, fields: [String]?, into sink: inout some TelemetryLogSink
    ) throws -> LogDescription {
        var tally = LineTally(format: format)
        var header: [String]? = nil
        var assumed = fields ?? NvidiaSMISource.queryFields
        var gpus = GPUNumbers()
        var rows = 0
        var powerChannels: [String] = []
        try lines.forEach(format: format) { number, raw in
            if let range = raw.range(of: "--query-gpu=") {
                let list = raw[range.upperBound...].prefix(while: { $0 != " " && $0 != "\t" })
                assumed = list.split(separator: ",").map(String.init)
                tally.skip(number, raw)
                return
            }
            try rejectNonCSV(raw, number: number)
            guard case .content(let line) = CaptureLine.classify(raw, commands: ["nvidia-smi"]) else {
                tally.skip(number, raw)
                return
            }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { SysfsText.trimmed($0) }
            let names = cells.map(NvidiaSMIField.headerName)
            if !names.contains(where: { $0 == nil }) {
                header = names.compactMap { $0 }
                tally.skip(number, raw)
                return
            }
            let columns = header ?? assumed
            // A line without a comma is no row of a query of several fields: some other output.
            if cells.count == 1, columns.count > 1 {
                tally.skip(number, raw)
                return
            }
            guard cells.count == columns.count else {
                throw TelemetryLogError(
                    format: format, line: number, column: raw.column(of: line.startIndex), text: String(raw),
                    expected: "\(columns.count) comma-separated values for \(columns.joined(separator: ","))"
                        + (header == nil ? " (a capture without header is read as that query; keep the header with --format=csv)" : ""))
            }
            rows += 1
            let gpu = gpus.number(of: Dictionary(zip(columns, cells.map(String.init)), uniquingKeysWith: { first, _ in first }))
            for (column, cell) in zip(columns, cells) {
                guard let field = NvidiaSMIField.measured(column) else { continue }
                var parsed = NvidiaSMIField.cell(cell)
                // a number beyond Double once in SI (1e305 MiB) is no reading: an error at its cell, not an infinite byte count
                if case .number(let value) = parsed, !(value * field.scale).isFinite { parsed = .invalid }
                switch parsed {
                case .unavailable:
                    continue
                case .invalid:
                    throw TelemetryLogError(
                        format: format, line: number, column: raw.column(of: cell.startIndex), text: String(raw),
                        expected: "a number or [N/A] for \(column), got \"\(cell)\"")
                case .number(let value):
                    let name = "gpu\(gpu) \(column)"
                    if field.kind == .power, !powerChannels.contains(name) { powerChannels.append(name) }
                    sink.add(LogReading(t: nil, name: name, quantity: field.kind, value: value * field.scale, unit: field.unit))
                }
            }
        }
        guard rows > 0 else { throw tally.nothingParsed(expected: "CSV rows of `\(recommendedCommand)`") }
        return LogDescription(
            source: .init(format: format, boundary: .gpuBoard),
            powerChannel: powerChannels.count == 1 ? powerChannels[0] : nil,
            powerNote: powerChannels.count > 1
                ? "\(powerChannels.count) power channels (one per GPU or per power field): none is the whole device"
                : nil,
            skippedLines: tally.skipped)
    }

    /// The default table and a missing nvidia-smi hold no CSV: say which query to capture instead.
    private static func rejectNonCSV(_ raw: Substring, number: Int) throws {
        let line = SysfsText.trimmed(raw)
        if line.contains("nvidia-smi") && (line.contains("not found") || line.contains("No such file")) {
            throw TelemetryLogError(
                format: format, line: number, text: String(raw),
                expected: "CSV rows, but nvidia-smi is not installed here (Jetsons before JetPack 6 have none: "
                    + "use tegrastats); where it exists, capture `\(recommendedCommand)`")
        }
        if line.hasPrefix("+--") || line.hasPrefix("| NVIDIA-SMI") || line.hasPrefix("|==") {
            throw TelemetryLogError(
                format: format, line: number, text: String(raw),
                expected: "CSV rows, but this is nvidia-smi's default table, which is for people; "
                    + "capture `\(recommendedCommand)` instead")
        }
    }
}

/// Stable GPU numbers for rows: the `index` column, else the order uuids / bus ids first appear.
struct GPUNumbers {
    private var seen: [String: Int] = [:]

    mutating func number(of row: [String: String]) -> Int {
        if let index = row["index"], let number = Int(index) { return number }
        guard let key = NvidiaSMIField.identities.lazy.compactMap({ row[$0] }).first else { return 0 }
        if let number = seen[key] { return number }
        seen[key] = seen.count
        return seen.count - 1
    }
}
