/// The one CSV reader of EdgeBench (RFC 4180: quoted fields may hold commas, doubled quotes and line
/// breaks, as the paper harness's `response` column does), used by every importer. It keeps where each
/// record and field starts so errors can say FILE:LINE:COL; the listed CSV packages do not.
///
/// Lenient where spreadsheets are: a CR before LF is dropped, text after a closing quote is kept in the
/// field, a blank line is no record, and a UTF-8 byte order mark before the first field is not part of it.
public enum CSVReader {
    public struct Field: Sendable, Equatable {
        public var value: String
        /// 0-based UTF-8 byte offset of the field's first byte within the line its record starts on.
        public var offset: Int

        public init(value: String, offset: Int) {
            self.value = value
            self.offset = offset
        }
    }

    public struct Record: Sendable, Equatable {
        /// 1-based line where the record starts (counting from `firstLine`).
        public var line: Int
        public var fields: [Field]

        public init(line: Int, fields: [Field]) {
            self.line = line
            self.fields = fields
        }

        public var values: [String] { fields.map(\.value) }
    }

    /// Every record of `text`. `firstLine` is the line number of the text's first line, for a CSV block
    /// that starts inside a larger file.
    public static func records(_ text: some StringProtocol, firstLine: Int = 1) -> [Record] {
        records(utf8: Array(text.utf8)[...], firstLine: firstLine)
    }

    /// The same over UTF-8 bytes already in memory (a block of a larger file), without a copy to a String.
    public static func records(utf8 input: ArraySlice<UInt8>, firstLine: Int = 1) -> [Record] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let bytes = input.starts(with: [0xEF, 0xBB, 0xBF]) ? input.dropFirst(3) : input
        // byte offsets below are relative to the block
        let base = bytes.startIndex
        var records: [Record] = []
        var fields: [Field] = []
        var value: [UInt8] = []
        var line = firstLine, recordLine = firstLine
        // byte offsets: where the current record's first line starts, and where the current field starts
        var recordStart = base, fieldStart = base
        var quoted = false, fieldQuoted = false
        var index = base

        func endField() {
            fields.append(Field(value: String(decoding: value, as: UTF8.self), offset: fieldStart - recordStart))
            value.removeAll(keepingCapacity: true)
            fieldQuoted = false
        }
        func endRecord() {
            let blank = fields.isEmpty && value.isEmpty && !fieldQuoted
            endField()
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }

        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == quote {
                    if index < bytes.endIndex, bytes[index] == quote {
                        value.append(quote)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == lf { line += 1 }
                    value.append(byte)
                }
                continue
            }
            switch byte {
            case quote where value.isEmpty && !fieldQuoted:
                quoted = true
                fieldQuoted = true
            case comma:
                endField()
                fieldStart = index
            case cr:
                continue
            case lf:
                endRecord()
                line += 1
                recordLine = line
                recordStart = index
                fieldStart = index
            default:
                value.append(byte)
            }
        }
        if !value.isEmpty || !fields.isEmpty || fieldQuoted { endRecord() }
        return records
    }
}
