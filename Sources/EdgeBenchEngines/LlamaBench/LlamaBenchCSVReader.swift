/// `-o csv`: a header of llama-bench's field names, then one row per test. llama-bench quotes every
/// field; plain fields and doubled quotes inside quoted ones are read too (RFC 4180).
enum LlamaBenchCSVReader {
    static func isHeader(_ line: String) -> Bool {
        let unquoted = line.replacingQuotes()
        return unquoted.hasPrefix("build_commit,") && unquoted.contains("avg_ts")
    }

    static func read(_ text: TextLocation, headerLine: Int, file: String) throws(LlamaBenchParseError) -> [LlamaBenchTest] {
        let header = fields(text.lineText(headerLine)).map { $0.value.trimmingWhitespace() }
        var tests: [LlamaBenchTest] = []
        for index in (headerLine + 1)..<text.lineStarts.count {
            let line = text.lineText(index)
            if line.trimmingWhitespace().isEmpty { continue }
            let row = fields(line)
            // A line without a single comma is stray text (a trailer, stderr), not a row.
            if row.count == 1 { continue }
            guard row.count == header.count else {
                throw LlamaBenchParser.error(
                    "this row has \(row.count) fields, the header has \(header.count)",
                    at: text.lineStarts[index], in: text, file: file)
            }
            var values: [String: LlamaBenchRecord.Field] = [:]
            for (name, field) in zip(header, row) { values[name] = .text(field.value) }
            do {
                tests.append(try LlamaBenchTest(record: LlamaBenchRecord(fields: values), line: index + 1))
            } catch {
                let column = header.firstIndex(of: error.name).map { row[$0].offset } ?? 0
                throw LlamaBenchParser.error(
                    "the \"\(error.name)\" field of this row is not a number",
                    at: text.lineStarts[index] + column, in: text, file: file)
            }
        }
        guard !tests.isEmpty else {
            throw LlamaBenchParseError(
                file: file, line: headerLine + 1, problem: "the CSV has a header but no rows",
                remedy: "llama-bench printed nothing to measure; check its command line (-p, -n) and run it again")
        }
        return tests
    }

    /// The fields of one line, each with the byte offset where it starts in the line.
    static func fields(_ line: String) -> [(value: String, offset: Int)] {
        let bytes = Array(line.utf8)
        var result: [(String, Int)] = []
        var index = 0
        while true {
            let start = index
            var value: [UInt8] = []
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                            value.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    value.append(bytes[index])
                    index += 1
                }
                // anything between the closing quote and the comma is kept, as a spreadsheet would
                while index < bytes.count, bytes[index] != UInt8(ascii: ",") {
                    value.append(bytes[index])
                    index += 1
                }
            } else {
                while index < bytes.count, bytes[index] != UInt8(ascii: ",") {
                    value.append(bytes[index])
                    index += 1
                }
            }
            result.append((String(decoding: value, as: UTF8.self), start))
            guard index < bytes.count else { return result }
            index += 1
        }
    }
}

extension String {
    fileprivate func replacingQuotes() -> String { String(unicodeScalars.filter { $0 != "\"" }) }
}
