/// Runs a parser over seeded mutations of real captures. A crash ends the test process, so the suite
/// fails on it by itself; what the outcome lets a test assert is that the mutations reached both paths
/// (some inputs still parse, some are refused) and that every refusal is a clear error.
public enum Fuzz {
    public struct Input: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    public struct Outcome: Sendable {
        public var accepted = 0
        public var refused = 0
        /// Refusals whose message failed the test's check, with the case that gave each (seed, index,
        /// input, mutations), so it reproduces.
        public var unclear: [String] = []
        /// How many mutated inputs were tried.
        public var total: Int { accepted + refused }
    }

    /// - Parameters:
    ///   - count: mutations per input
    ///   - isClear: whether a refusal's message says what failed and where (e.g. names the file)
    ///   - parse: the parser under test; it throws to refuse an input
    public static func run(
        _ inputs: [Input], count: Int, seed: UInt64, isClear: (_ message: String, _ input: Input) -> Bool,
        parse: (_ bytes: [UInt8], _ input: Input) throws -> Void
    ) -> Outcome {
        var outcome = Outcome()
        var mutator = Mutator(seed: seed)
        for input in inputs {
            for index in 0..<count {
                let (bytes, applied) = mutator.mutate(input.bytes)
                do {
                    try parse(bytes, input)
                    outcome.accepted += 1
                } catch {
                    outcome.refused += 1
                    let message = String(describing: error)
                    if !isClear(message, input), outcome.unclear.count < 10 {
                        outcome.unclear.append(
                            "seed \(seed) #\(index) \(input.name) \(applied.map(\.rawValue)): \(message.prefix(300))")
                    }
                }
            }
        }
        return outcome
    }
}
