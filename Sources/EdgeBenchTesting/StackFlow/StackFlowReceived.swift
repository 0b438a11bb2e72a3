import EdgeBenchCore

/// One message `StackFlowTestServer` received, as it arrived.
public struct StackFlowReceivedMessage: Sendable, Equatable {
    /// A piece of a streamed inference (`data: {delta, index, finish}`).
    public struct Piece: Sendable, Equatable {
        public var delta: String
        public var index: Int
        public var finish: Bool

        public init(delta: String, index: Int, finish: Bool) {
            self.delta = delta
            self.index = index
            self.finish = finish
        }
    }

    /// The `data` of an `llm setup`.
    public struct Setup: Sendable, Equatable {
        public var model: String?
        public var maxTokenLength: Int?
        public var prompt: String?
        public var responseFormat: String?
        public var input: String?

        public init(model: String?, maxTokenLength: Int?, prompt: String?, responseFormat: String?, input: String?) {
            self.model = model
            self.maxTokenLength = maxTokenLength
            self.prompt = prompt
            self.responseFormat = responseFormat
            self.input = input
        }
    }

    /// When the read that completed the message arrived (stamped before parsing), on the client's clock.
    public var at: Instant
    public var requestID: String
    public var workID: String
    public var action: String
    public var object: String?
    public var piece: Piece?
    public var setup: Setup?
    /// The message's JSON text, exactly as framed.
    public var raw: String

    init(
        at: Instant, requestID: String, workID: String, action: String, object: String?, piece: Piece? = nil,
        setup: Setup? = nil, raw: String
    ) {
        self.at = at
        self.requestID = requestID
        self.workID = workID
        self.action = action
        self.object = object
        self.piece = piece
        self.setup = setup
        self.raw = raw
    }
}

/// A prompt reassembled from its pieces.
public struct StackFlowReceivedPrompt: Sendable, Equatable {
    public var workID: String
    public var text: String
    public var pieces: Int
    /// Arrival of the piece with `finish: true`: generation (prefill) starts here.
    public var completedAt: Instant
}

/// The last stream the server wrote, on the same monotonic clock as the client.
public struct StackFlowStreamTimeline: Sendable, Equatable {
    /// Arrival of the prompt's final piece.
    public var promptCompletedAt: Instant?
    /// Just before the first byte of each delta's reply was written (after its delay).
    public var deltaWrites: [Instant]
}
