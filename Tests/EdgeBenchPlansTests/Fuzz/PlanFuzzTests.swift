import EdgeBenchCore
import EdgeBenchPlans
import EdgeBenchTesting
import Foundation
import Testing

/// The example plans, mutated: every mutation loads or is refused with the file, a line and what to do,
/// never a crash or a decoder's internal words.
@Suite struct PlanFuzzTests {
    static func examples() throws -> [Fuzz.Input] {
        let root = try Fixtures.root().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")
        return try ["quick.yaml", "matrix.yaml", "methodology.yaml", "long-context.yaml"].map { name in
            Fuzz.Input(name: name, bytes: Array(try Data(contentsOf: root.appendingPathComponent(name))))
        }
    }

    @Test func mutatedPlansLoadOrAreRefusedWithFileAndLine() throws {
        let inputs = try Self.examples()
        let base = try Fixtures.root()
        let outcome = Fuzz.run(inputs, count: 1000, seed: 13_10_5) { message, input in
            message.contains(input.name) && !message.contains("Swift.") && !message.contains("DecodingError")
        } parse: { bytes, input in
            _ = try PlanLoader.parse(String(decoding: bytes, as: UTF8.self), file: input.name, baseDirectory: base)
        }
        #expect(outcome.total == 4000)
        #expect(outcome.accepted > 300)
        #expect(outcome.refused > 300)
        #expect(outcome.unclear == [])
    }
}
