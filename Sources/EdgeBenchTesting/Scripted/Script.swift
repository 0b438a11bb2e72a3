import EdgeBenchCore

/// What `ScriptedLLMServer` streams for every generation request.
public struct Script: Sendable, Equatable {
    public enum Failure: Sendable, Equatable {
        case none
        /// Close the connection after this many token chunks, without a final chunk.
        case dropConnectionAfter(Int)
        /// Answer with this status and body instead of a stream.
        case httpStatus(Int, String)
        /// Send a line that is not JSON after this many token chunks.
        case malformedAfter(Int)
        /// NDJSON servers: send half a JSON object after this many token chunks, then end the body.
        case truncatedAfter(Int)
        /// Send the server's error object (`{"error": …}`) instead of the next token, after this many chunks.
        case errorAfter(Int, String)
        /// After this many token chunks, one space every `every`, `bytes` times, then end the body: a server
        /// that never goes quiet long enough for an idle timeout (only a whole-request deadline ends it).
        case trickleAfter(Int, every: Duration, bytes: Int)
        /// After this many token chunks, `bytes` bytes with no line break (in 64 KiB writes), then end the body.
        case endlessLineAfter(Int, bytes: Int)
        /// Answer 200 with this Content-Type and body instead of a stream (a server that ignored `stream`,
        /// a proxy's page).
        case notAStream(contentType: String, body: String)
        /// Answer this status with a body that repeats the request's Authorization header, as some servers
        /// and proxies do on a 401.
        case echoAuthorization(status: Int)
    }

    /// One entry per token chunk.
    public var tokens: [String]
    /// Sleep before each token (index i before token i); missing entries reuse the last, empty means none.
    public var delays: [Duration]
    public var promptTokens: Int
    /// Reported in llama.cpp's `timings` (converted to ms on the wire); nil sends none.
    public var timings: ServerTimings?
    public var failure: Failure
    /// Reported as llama.cpp `stop_type` / OpenAI `finish_reason`.
    public var stopReason: String
    /// OpenAI streams start with a role-only chunk (`delta: {role: assistant, content: null}`), as llama-server does.
    public var sendsRoleChunk: Bool
    /// Sends the usage-only final chunk when the request asks for it (`stream_options.include_usage`).
    public var sendsUsage: Bool
    /// How the server reuses earlier prompts (`ScriptedPromptCache`); `.none` reports `promptTokens` as is.
    public var promptCache: ScriptedPromptCache
    /// Sent verbatim as the completion count (OpenAI `usage.completion_tokens`, llama.cpp `tokens_predicted`
    /// and `timings.predicted_n`) instead of the number of tokens streamed: a hostile or broken server's
    /// "-8" or "9223372036854775808".
    public var reportedCompletionTokens: String?

    public init(
        tokens: [String], delays: [Duration] = [], promptTokens: Int = 8, timings: ServerTimings? = nil,
        failure: Failure = .none, stopReason: String? = nil, sendsRoleChunk: Bool = true, sendsUsage: Bool = true,
        promptCache: ScriptedPromptCache = .none, reportedCompletionTokens: String? = nil
    ) {
        self.promptCache = promptCache
        self.reportedCompletionTokens = reportedCompletionTokens
        self.tokens = tokens
        self.delays = delays
        self.promptTokens = promptTokens
        self.timings = timings
        self.failure = failure
        self.stopReason = stopReason ?? "length"
        self.sendsRoleChunk = sendsRoleChunk
        self.sendsUsage = sendsUsage
    }

    /// `count` one-word tokens with no delay: for measuring the harness's own CPU per token.
    public static func fast(tokens count: Int, promptTokens: Int = 8) -> Script {
        Script(tokens: (0..<count).map { " t\($0)" }, promptTokens: promptTokens)
    }

    func delay(before index: Int) -> Duration? {
        guard !delays.isEmpty else { return nil }
        let delay = delays[min(index, delays.count - 1)]
        return delay > .zero ? delay : nil
    }
}
