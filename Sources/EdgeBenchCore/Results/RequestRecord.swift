/// Everything observed for one request, as the runner collected it from an engine's events.
/// Metrics are derived from it by `RequestMetrics` (METRICS.md, one place).
public struct RequestRecord: Sendable, Equatable, Codable {
    public struct Chunk: Sendable, Equatable, Codable {
        public var at: Instant
        public var count: Int
        public init(at: Instant, count: Int) {
            self.at = at
            self.count = count
        }
    }

    public var submittedAt: Instant
    /// token-carrying chunks in arrival order
    public var chunks: [Chunk]
    public var completion: Completion
    /// the text generated, kept for the paper's CSV and quality checks
    public var text: String
    /// the requested maximum, only to tell `stopped_early`; never used as a count
    public var requestedMaxTokens: Int
    /// tokens counted by the engine's tokenizer when the server reported none (METRICS.md rule 2)
    public var tokenizerPromptTokens: Int?
    public var tokenizerCompletionTokens: Int?
    /// the workload's choice: a cold request that evaluated less than its prompt is flagged `prompt_cached`
    public var cache: PromptCache
    /// UTF-8 bytes of the prompt and system prompt sent: bounds the prompt counts a server can report
    public var promptBytes: Int?

    public init(
        submittedAt: Instant, chunks: [Chunk], completion: Completion, text: String,
        requestedMaxTokens: Int, tokenizerPromptTokens: Int? = nil, tokenizerCompletionTokens: Int? = nil,
        cache: PromptCache = .cold, promptBytes: Int? = nil
    ) {
        self.cache = cache
        self.promptBytes = promptBytes
        self.submittedAt = submittedAt
        self.chunks = chunks
        self.completion = completion
        self.text = text
        self.requestedMaxTokens = requestedMaxTokens
        self.tokenizerPromptTokens = tokenizerPromptTokens
        self.tokenizerCompletionTokens = tokenizerCompletionTokens
    }

    enum CodingKeys: String, CodingKey {
        case submittedAt = "submitted_at"
        case chunks, completion, text
        case requestedMaxTokens = "requested_max_tokens"
        case tokenizerPromptTokens = "tokenizer_prompt_tokens"
        case tokenizerCompletionTokens = "tokenizer_completion_tokens"
        case cache
        case promptBytes = "prompt_bytes"
    }
}
