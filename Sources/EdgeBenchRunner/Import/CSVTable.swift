import EdgeBenchCore
import Foundation

/// A CSV file read by header name, over Core's `CSVReader`. Rows keep the line they start on, for error
/// messages.
struct CSVTable {
    var header: [String]
    var rows: [Row]

    struct Row {
        /// 1-based line of the file where the row starts
        var line: Int
        var fields: [String]
    }

    /// nil when the text has no header line.
    init?(_ text: String) {
        let records = CSVReader.records(text)
        guard let first = records.first else { return nil }
        header = first.values.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = records.dropFirst().map { Row(line: $0.line, fields: $0.values) }
    }

    func column(_ name: String) -> Int? { header.firstIndex(of: name) }
}
