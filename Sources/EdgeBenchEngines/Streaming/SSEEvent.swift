/// One dispatched Server-Sent Event (WHATWG HTML §9.2 "event stream" interpretation).
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` field, nil when the event had none (the spec's default type "message").
    public var event: String?
    /// All `data:` lines joined with "\n", as raw UTF-8 bytes so JSON decoding needs no String round trip.
    public var data: [UInt8]
    /// The last `id:` seen so far in the stream (it persists across events, per the spec).
    public var lastEventID: String?

    public init(event: String? = nil, data: [UInt8], lastEventID: String? = nil) {
        self.event = event
        self.data = data
        self.lastEventID = lastEventID
    }

    public init(event: String? = nil, text: String, lastEventID: String? = nil) {
        self.init(event: event, data: Array(text.utf8), lastEventID: lastEventID)
    }

    /// The data as text; invalid UTF-8 is repaired (U+FFFD), never a crash.
    public var text: String { String(decoding: data, as: UTF8.self) }

    /// OpenAI-style end-of-stream sentinel `data: [DONE]`.
    public var isDone: Bool { data == SSEEvent.doneBytes }

    static let doneBytes: [UInt8] = Array("[DONE]".utf8)
}
