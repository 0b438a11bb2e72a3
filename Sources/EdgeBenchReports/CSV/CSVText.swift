import Foundation

/// RFC 4180 CSV: CRLF line ends; a field with a comma, quote, CR or LF is quoted, quotes doubled.
enum CSVText {
    static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func document(header: [String], rows: [[String]]) -> String {
        var text = ""
        for row in [header] + rows { write(row: row, to: &text) }
        return text
    }

    /// One record, written as it is made: a file of any length costs the memory of one row.
    static func write(row: [String], to out: inout some TextOutputStream) {
        out.write(row.map(field).joined(separator: ",") + "\r\n")
    }
}
