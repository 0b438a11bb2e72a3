/// `-o json` (an array of test objects) and `-o jsonl` (one object per line).
enum LlamaBenchJSONReader {
    static func read(_ text: TextLocation, from start: Int, file: String) throws(LlamaBenchParseError) -> LlamaBenchOutput {
        var scanner = JSONScanner(bytes: text.bytes, offset: start)
        let first = try value(&scanner, text, file: file)
        switch first {
        case .array(let elements):
            // Whatever follows the array (a trailer, stderr) is not ours to read.
            var tests: [LlamaBenchTest] = []
            for (position, element) in elements.enumerated() {
                guard case .object(let members, let at) = element else {
                    throw LlamaBenchParser.error(
                        "element \(position + 1) of the array is not a test object", at: start, in: text, file: file)
                }
                tests.append(try test(members, at: at, text, file: file))
            }
            guard !tests.isEmpty else {
                throw LlamaBenchParseError(
                    file: file, line: text.position(of: start).line, problem: "the JSON array holds no tests",
                    remedy: "llama-bench printed nothing to measure; check its command line (-p, -n) and run it again")
            }
            return LlamaBenchOutput(format: .json, tests: tests)
        case .object(let members, let at):
            var tests = [try test(members, at: at, text, file: file)]
            // JSON lines: every later line that opens an object is a test; other lines (stderr
            // interleaved with stdout) are skipped.
            var line = text.lineIndex(of: max(scanner.offset - 1, start)) + 1
            while line < text.lineStarts.count {
                let content = text.lineText(line)
                let indent = content.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
                if content.utf8.dropFirst(indent).first == UInt8(ascii: "{") {
                    var next = JSONScanner(bytes: text.bytes, offset: text.lineStarts[line] + indent)
                    guard case .object(let members, let at) = try value(&next, text, file: file) else { break }
                    tests.append(try test(members, at: at, text, file: file))
                    line = text.lineIndex(of: max(next.offset - 1, 0)) + 1
                } else {
                    line += 1
                }
            }
            return LlamaBenchOutput(format: .jsonl, tests: tests)
        default:
            throw LlamaBenchParser.error(
                "expected a JSON array or object of llama-bench tests", at: start, in: text, file: file)
        }
    }

    private static func value(
        _ scanner: inout JSONScanner, _ text: TextLocation, file: String
    ) throws(LlamaBenchParseError) -> JSONValue {
        do {
            return try scanner.value()
        } catch {
            throw LlamaBenchParser.error("not valid JSON: \(error.message)", at: error.offset, in: text, file: file)
        }
    }

    private static func test(
        _ members: [String: JSONValue], at offset: Int, _ text: TextLocation, file: String
    ) throws(LlamaBenchParseError) -> LlamaBenchTest {
        do {
            return try LlamaBenchTest(record: LlamaBenchRecord(json: members), line: text.position(of: offset).line)
        } catch {
            throw LlamaBenchParser.error(
                "the test object starting here has no readable \"\(error.name)\"; is this llama-bench output?",
                at: offset, in: text, file: file)
        }
    }
}
