/// Cuts a response body into the protocol's units as bytes arrive: SSE events (`SSEParser`) or
/// newline-delimited JSON lines (`LineFramer`). Chunks may split a unit anywhere.
protocol StreamFraming: Sendable {
    associatedtype Frame: Sendable
    init()
    /// Feeds the next chunk and calls `onFrame` for every unit completed by it, in order.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, _ onFrame: (Frame) throws -> Void) rethrows
    /// End of stream: the unit no terminator completed, if any (truncated captures, servers that omit it).
    mutating func finish() -> Frame?
}

extension SSEParser: StreamFraming {}
