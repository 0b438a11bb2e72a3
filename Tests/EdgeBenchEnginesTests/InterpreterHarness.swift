import EdgeBenchCore
@testable import EdgeBenchEngines

/// Feeds captured bytes through the framer and an interpreter, as `StreamingGeneration` does, without a network.
struct InterpretedStream {
    var tokenChunks: [(count: Int, text: String)] = []
    var completion: Completion?
    var tokens: Int { tokenChunks.reduce(0) { $0 + $1.count } }
    var text: String { tokenChunks.map(\.text).joined() }

    static func run<I: StreamInterpreter>(_ bytes: [UInt8], _ interpreter: I) throws -> InterpretedStream
    where I.Frame == SSEEvent {
        var parser = SSEParser()
        return try run(bytes, interpreter, parser: &parser)
    }

    /// Any framing: NDJSON interpreters go through `LineFramer`.
    static func run<F: StreamFraming, I: StreamInterpreter>(_ bytes: [UInt8], _ interpreter: I, parser: inout F) throws
        -> InterpretedStream where I.Frame == F.Frame
    {
        var interpreter = interpreter
        var result = InterpretedStream()
        let at = Instant(nanoseconds: 1)
        func apply(_ step: StreamStep) {
            if let tokens = step.tokens { result.tokenChunks.append(tokens) }
            if let completion = step.completion, result.completion == nil { result.completion = completion }
        }
        try bytes.withUnsafeBytes { raw in
            try parser.feed(raw) { event in
                guard result.completion == nil else { return }
                apply(try interpreter.interpret(event, at: at))
            }
        }
        if result.completion == nil, let last = parser.finish() { apply(try interpreter.interpret(last, at: at)) }
        if result.completion == nil { result.completion = try interpreter.connectionEnded(at: at) }
        return result
    }
}

func parseAll(_ bytes: [UInt8], splitAt split: Int? = nil) -> [SSEEvent] {
    var parser = SSEParser()
    var events: [SSEEvent] = []
    if let split {
        events += parser.feed(bytes[..<split])
        events += parser.feed(bytes[split...])
    } else {
        events += parser.feed(bytes)
    }
    if let last = parser.finish() { events.append(last) }
    return events
}

/// ms → s divides by 1000, which is not exact in binary; 1e-12 s is far below any clock's resolution.
func approx(_ value: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= tolerance
}
