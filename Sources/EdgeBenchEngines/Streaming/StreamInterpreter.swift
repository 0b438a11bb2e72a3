import EdgeBenchCore

/// Turns one protocol's frames (SSE events, JSON lines) into generation steps. One value per request
/// (it keeps state: usage seen so far, tokens counted, whether a finish reason arrived).
protocol StreamInterpreter: Sendable {
    associatedtype Frame: Sendable
    /// Interprets one frame that arrived at `at` (the instant its bytes were read).
    mutating func interpret(_ frame: Frame, at: Instant) throws -> StreamStep
    /// The connection ended at `at` without a final event: a completion if the protocol allows
    /// that (e.g. OpenAI stream with a finish reason but no `[DONE]`), else `EngineError.streamEndedEarly`.
    mutating func connectionEnded(at: Instant) throws -> Completion
}

struct StreamStep: Sendable {
    /// Generated tokens carried by the event (count ≥ 1), if any.
    var tokens: (count: Int, text: String)?
    /// Set on the event that ends the response.
    var completion: Completion?

    static let nothing = StreamStep(tokens: nil, completion: nil)
}
