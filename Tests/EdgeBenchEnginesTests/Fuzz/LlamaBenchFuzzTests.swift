@testable import EdgeBenchEngines
import EdgeBenchTesting
import Foundation
import Testing

/// llama-bench output in every format, mutated (issue 13.10: `99999999999999999999 GiB` in a markdown
/// table crashed the importer with SIGILL). Every mutation is read or refused with the file and a remedy.
@Suite("llama-bench fuzz")
struct LlamaBenchFuzzTests {
    static func inputs() throws -> [Fuzz.Input] {
        var inputs = try fuzzInputs(under: "llama-bench", endingIn: [".txt", ".csv", ".json"])
        inputs += try fuzzInputs(under: "llm-servers", endingIn: [".json"]).filter { $0.name.contains("/llama-bench-") }
        // jsonl: the same records, one per line, as `-o jsonl` prints them
        for json in inputs where json.name.hasSuffix(".json") {
            guard let records = try? JSONSerialization.jsonObject(with: Data(json.bytes)) as? [Any] else { continue }
            let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
            inputs.append(Fuzz.Input(name: json.name + "l", bytes: Array((lines.joined(separator: "\n") + "\n").utf8)))
        }
        return inputs
    }

    @Test func everyFormatHasAFuzzInput() throws {
        // the DAMAGED capture is refused as it stands; every other one is read
        let formats = try Self.inputs().compactMap { try? LlamaBenchParser.parse($0.bytes, file: $0.name).format }
        #expect(Set(formats) == [.json, .jsonl, .csv, .markdown])
    }

    @Test func hugeSizeInAMarkdownTableIsRefusedNotACrash() {
        let table = """
            | model                          |       size |     params | backend    | threads |          test |                  t/s |
            | ------------------------------ | ---------: | ---------: | ---------- | ------: | ------------: | -------------------: |
            | llama 1B Q4_K - Medium         | 99999999999999999999 GiB |     1.24 B | CPU        |       4 |         pp512 |         65.21 ± 0.23 |

            build: 4675 (abcdef12)
            """
        #expect(throws: LlamaBenchParseError.self) { try LlamaBenchParser.parse(Array(table.utf8), file: "t.md") }
        do {
            _ = try LlamaBenchParser.parse(Array(table.utf8), file: "t.md")
        } catch {
            #expect(error.description.hasPrefix("t.md:3:"))
            #expect(error.problem == "expected a model size such as 1.79 GiB")
            #expect(error.excerpt?.contains("99999999999999999999 GiB") == true)
        }
    }

    @Test func mutatedOutputIsReadOrRefusedWithFileAndRemedy() throws {
        let inputs = try Self.inputs()
        let outcome = Fuzz.run(inputs, count: 3000 / inputs.count, seed: 13_10) { message, input in
            message.hasPrefix(input.name) && message.contains("\n→ ") && namesNoInternals(message)
        } parse: { bytes, input in
            _ = try LlamaBenchParser.parse(bytes, file: input.name)
        }
        #expect(outcome.total >= 2900)
        #expect(outcome.accepted > outcome.total / 10, "mutations that keep the output readable are read")
        #expect(outcome.refused > outcome.total / 10, "mutations that break it are refused")
        #expect(outcome.unclear == [])
    }
}
