import EdgeBenchCore

/// `-o csv`: a header of llama-bench's field names, then one row per test. llama-bench quotes every
/// field; plain fields and doubled quotes inside quoted ones are read too (RFC 4180).
enum LlamaBenchCSVReader {
    static func isHeader(_ line: String) -> Bool {
        let unquoted = line.replacingQuotes()
        return unquoted.hasPrefix("build_commit,") && unquoted.contains("avg_ts")
    }

    static func read(_ text: TextLocation, headerLine: Int, file: String) throws(LlamaBenchParseError) -> [LlamaBenchTest] {
        let records = CSVReader.records(utf8: text.bytes[text.lineStarts[headerLine]...], firstLine: headerLine + 1)
        let header = (records.first?.values ?? []).map { $0.trimmingWhitespace() }
        var tests: [LlamaBenchTest] = []
        for record in records.dropFirst() {
            let lineStart = text.lineStarts[record.line - 1]
            // A line without a single comma is stray text (a trailer, stderr), not a row.
            if record.fields.count == 1 { continue }
            guard record.fields.count == header.count else {
                throw LlamaBenchParser.error(
                    "this row has \(record.fields.count) fields, the header has \(header.count)",
                    at: lineStart, in: text, file: file)
            }
            var values: [String: LlamaBenchRecord.Field] = [:]
            for (name, field) in zip(header, record.fields) { values[name] = .text(field.value) }
            do {
                tests.append(try LlamaBenchTest(record: LlamaBenchRecord(fields: values), line: record.line))
            } catch {
                let column = header.firstIndex(of: error.name).map { record.fields[$0].offset } ?? 0
                throw LlamaBenchParser.error(
                    "the \"\(error.name)\" field of this row is not a number",
                    at: lineStart + column, in: text, file: file)
            }
        }
        guard !tests.isEmpty else {
            throw LlamaBenchParseError(
                file: file, line: headerLine + 1, problem: "the CSV has a header but no rows",
                remedy: "llama-bench printed nothing to measure; check its command line (-p, -n) and run it again")
        }
        return tests
    }
}

extension String {
    fileprivate func replacingQuotes() -> String { String(unicodeScalars.filter { $0 != "\"" }) }
}
