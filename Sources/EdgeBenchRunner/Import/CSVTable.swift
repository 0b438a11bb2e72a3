import Foundation

/// A CSV file read by header name (RFC 4180: quoted fields may hold commas, quotes and newlines, as the
/// paper harness's `response` column does). Rows keep the line they start on, for error messages.
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
        var records: [Row] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var line = 1
        var recordLine = 1
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        func endRecord() {
            record.append(field)
            field = ""
            // a blank line is no row
            if !(record.count == 1 && record[0].isEmpty) { records.append(Row(line: recordLine, fields: record)) }
            record = []
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            quoted = false
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\r": continue
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { endRecord() }
        guard let first = records.first else { return nil }
        // a UTF-8 byte order mark before the first name is not part of it
        header = first.fields.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \u{FEFF}")) }
        rows = Array(records.dropFirst())
    }

    func column(_ name: String) -> Int? { header.firstIndex(of: name) }
}
