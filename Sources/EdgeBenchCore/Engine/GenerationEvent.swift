/// What an engine adapter reports while one request runs, each stamped on the monotonic clock.
public enum GenerationEvent: Sendable, Equatable {
    /// `t_submit`: the first byte of the request written (after connecting). HTTP engines stamp it as the
    /// client writes the request head; a request that failed before that is stamped when it was attempted.
    case submitted(at: Instant)
    /// A chunk that carries `count` ≥ 1 generated tokens, stamped when its bytes were read from the
    /// connection. Role-only / empty chunks are never reported.
    case tokens(count: Int, text: String, at: Instant)
    /// End of the response (`t_done`): final chunk, `[DONE]` or connection end.
    case finished(Completion)
}

/// What the server said about a finished request.
public struct Completion: Sendable, Equatable, Codable {
    public var at: Instant
    /// Server-reported token counts, nil where the server reported none.
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var cachedTokens: Int?
    public var timings: ServerTimings?
    /// Why generation stopped, as the server said it ("length", "stop", "eos", "limit", …).
    public var stopReason: String?

    public init(
        at: Instant, promptTokens: Int? = nil, completionTokens: Int? = nil, cachedTokens: Int? = nil,
        timings: ServerTimings? = nil, stopReason: String? = nil
    ) {
        self.at = at
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cachedTokens = cachedTokens
        self.timings = timings
        self.stopReason = stopReason
    }

    enum CodingKeys: String, CodingKey {
        case at
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case cachedTokens = "cached_tokens"
        case timings
        case stopReason = "stop_reason"
    }
}

/// The server's own timing report, converted to SI at the adapter boundary.
public struct ServerTimings: Sendable, Equatable, Codable {
    public var promptTokens: Int?
    /// seconds
    public var promptDuration: Double?
    /// tok/s
    public var promptRate: Double?
    public var predictedTokens: Int?
    /// seconds
    public var predictedDuration: Double?
    /// tok/s
    public var predictedRate: Double?
    public var cachedTokens: Int?
    /// seconds the server spent loading the model for this request (Ollama `load_duration`)
    public var loadDuration: Double?

    public init(
        promptTokens: Int? = nil, promptDuration: Double? = nil, promptRate: Double? = nil,
        predictedTokens: Int? = nil, predictedDuration: Double? = nil, predictedRate: Double? = nil,
        cachedTokens: Int? = nil, loadDuration: Double? = nil
    ) {
        self.promptTokens = promptTokens
        self.promptDuration = promptDuration
        self.promptRate = promptRate
        self.predictedTokens = predictedTokens
        self.predictedDuration = predictedDuration
        self.predictedRate = predictedRate
        self.cachedTokens = cachedTokens
        self.loadDuration = loadDuration
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case promptDuration = "prompt_duration"
        case promptRate = "prompt_rate"
        case predictedTokens = "predicted_tokens"
        case predictedDuration = "predicted_duration"
        case predictedRate = "predicted_rate"
        case cachedTokens = "cached_tokens"
        case loadDuration = "load_duration"
    }
}
