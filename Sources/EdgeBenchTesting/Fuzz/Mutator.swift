/// Seeded mutations of real inputs, for the parsers' fuzz suites: what terminals, disks, editors and broken
/// servers do to text. The same seed gives the same sequence on every machine, so a failure names its
/// case (seed and index) and reproduces exactly.
public struct Mutator: Sendable {
    public enum Mutation: String, CaseIterable, Sendable {
        /// one bit of one byte flipped (a bad cable, a corrupt disk block)
        case bitFlip
        /// the input cut at a random byte (a full disk, a killed writer, a PARTIAL capture)
        case truncate
        /// a line a terminal adds: a shell prompt, a `time` report, a stray stderr message
        case junkLine
        /// every `\n` made `\r\n` (a capture saved on Windows)
        case crlf
        /// a run of digits replaced by a number no field can hold (above Int.max, 1e400, NaN…)
        case hugeNumber
        /// a random range of bytes deleted
        case deleteRange
        /// a line repeated (a terminal's scroll-back pasted twice)
        case duplicateLine
        /// random bytes, including NUL and invalid UTF-8, inserted
        case garbage
    }

    static let hugeNumbers = [
        "99999999999999999999", "1e19", "-1e308", "1e400", "-9223372036854775809", "18446744073709551616",
        "9223372036854775807", "NaN", "nan", "inf", "-inf", "-0", "0x7fffffffffffffff", "4294967296", "-1",
        "1.7976931348623157e308", "5e-324",
    ]
    static let junkLines = [
        "user@jetson:~$ tegrastats --interval 100", "# cat /sys/kernel/debug/rknpu/load", "real\t0m1.002s",
        "user\t0m0.004s", "sys\t0m0.000s", "", "^C", "bash: warning: setlocale: LC_ALL: cannot change locale",
        "Segmentation fault (core dumped)", "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}", "data: [DONE]",
        "{\"done\":true,\"eval_count\":-5}", "| model | size | params | backend | ngl | test | t/s |",
    ]

    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// SplitMix64: tiny, fast, and the same everywhere (Swift's default generator is neither seedable nor stable).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    /// One to three mutations applied to `input`, and their names (for the failure message).
    public mutating func mutate(_ input: [UInt8]) -> (bytes: [UInt8], applied: [Mutation]) {
        var bytes = input
        var applied: [Mutation] = []
        for _ in 0...below(3) {
            let mutation = Mutation.allCases[below(Mutation.allCases.count)]
            bytes = apply(mutation, to: bytes)
            applied.append(mutation)
        }
        return (bytes, applied)
    }

    public mutating func apply(_ mutation: Mutation, to input: [UInt8]) -> [UInt8] {
        var bytes = input
        switch mutation {
        case .bitFlip:
            guard !bytes.isEmpty else { return bytes }
            bytes[below(bytes.count)] ^= UInt8(1) << UInt8(below(8))
        case .truncate:
            bytes.removeLast(below(bytes.count + 1))
        case .junkLine:
            let at = lineStart(in: bytes, near: below(bytes.count + 1))
            bytes.insert(contentsOf: Array((Self.junkLines[below(Self.junkLines.count)] + "\n").utf8), at: at)
        case .crlf:
            bytes = bytes.reduce(into: []) { out, byte in
                if byte == 0x0A { out.append(0x0D) }
                out.append(byte)
            }
        case .hugeNumber:
            let digits = bytes.indices.filter { (0x30...0x39).contains(bytes[$0]) }
            guard !digits.isEmpty else { return bytes }
            var start = digits[below(digits.count)]
            while start > 0, (0x30...0x39).contains(bytes[start - 1]) || bytes[start - 1] == 0x2E { start -= 1 }
            var end = start
            while end < bytes.count, (0x30...0x39).contains(bytes[end]) || bytes[end] == 0x2E { end += 1 }
            bytes.replaceSubrange(start..<end, with: Array(Self.hugeNumbers[below(Self.hugeNumbers.count)].utf8))
        case .deleteRange:
            guard !bytes.isEmpty else { return bytes }
            let start = below(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + below(64)))
        case .duplicateLine:
            guard !bytes.isEmpty else { return bytes }
            let start = lineStart(in: bytes, near: below(bytes.count))
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            bytes.insert(contentsOf: Array(bytes[start..<end]), at: end)
        case .garbage:
            let junk = (0...below(16)).map { _ in UInt8(truncatingIfNeeded: next()) }
            bytes.insert(contentsOf: junk, at: below(bytes.count + 1))
        }
        return bytes
    }

    private func lineStart(in bytes: [UInt8], near index: Int) -> Int {
        var at = min(index, bytes.count)
        while at > 0, bytes[at - 1] != 0x0A { at -= 1 }
        return at
    }
}
