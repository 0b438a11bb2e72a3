import EdgeBenchCore

/// Cuts a response body into the protocol's units as bytes arrive: SSE events (`SSEParser`) or
/// newline-delimited JSON lines (`LineFramer`). Chunks may split a unit anywhere.
///
/// A unit longer than `maxLineBytes` is never buffered: the framer drops what it holds, sets
/// `overflowed` and ignores the rest of the stream, and the caller ends the request with an error that
/// names the cap (a server that sends a gigabyte without a newline must not take the board's memory).
protocol StreamFraming: Sendable {
    associatedtype Frame: Sendable
    init(maxLineBytes: Int)
    /// Feeds the next chunk and calls `onFrame` for every unit completed by it, in order.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, _ onFrame: (Frame) throws -> Void) rethrows
    /// End of stream: the unit no terminator completed, if any (truncated captures, servers that omit it).
    mutating func finish() -> Frame?
    /// A unit outgrew `maxLineBytes`; nothing after it is read.
    var overflowed: Bool { get }
    /// The unit, as errors name it ("a Server-Sent Event").
    static var unitName: String { get }
    /// What a stream's Content-Type should be, when `contentType` says the body is something else
    /// (a JSON reply, a web page); nil when the body may be read as this framing.
    static func refusal(of contentType: String?) -> String?
}

extension SSEParser: StreamFraming {
    static var unitName: String { "a Server-Sent Event" }

    /// JSON and HTML are what comes back instead of a stream (a server that ignored `stream: true`, a proxy's
    /// page); anything else, or none, is read as SSE: some servers label their streams loosely.
    static func refusal(of contentType: String?) -> String? {
        guard let type = contentType?.lowercased() else { return nil }
        return type.contains("json") || type.contains("html") ? "text/event-stream" : nil
    }
}

extension LineFramer: StreamFraming {
    static var unitName: String { "a line" }

    /// NDJSON arrives as application/x-ndjson (Ollama) or application/json (servers that label it so):
    /// only a web page is refused.
    static func refusal(of contentType: String?) -> String? {
        guard let type = contentType?.lowercased() else { return nil }
        return type.contains("html") ? "application/x-ndjson" : nil
    }
}
