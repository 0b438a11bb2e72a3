/// The token counts of one request, by METRICS.md precedence: server-reported first, then the
/// engine's tokenizer, then counted stream chunks (flagged `estimated`). Never the requested maximum.
public struct TokenCounts: Sendable, Equatable {
    /// N_out
    public var output: Int
    /// N_in; nil when nobody reported it (prefill_rate is then undefined)
    public var input: Int?
    /// true when `output` comes from counting stream chunks
    public var isEstimated: Bool

    public init(output: Int, input: Int?, isEstimated: Bool) {
        self.output = output
        self.input = input
        self.isEstimated = isEstimated
    }

    /// `completion`: the record's, after `ServerReportCheck` removed what the server could not have meant.
    public init(_ record: RequestRecord, completion: Completion) {
        if let n = completion.completionTokens ?? completion.timings?.predictedTokens
            ?? record.tokenizerCompletionTokens
        {
            output = n
            isEstimated = false
        } else {
            output = record.chunks.reduce(0) { $0 + $1.count }
            isEstimated = true
        }
        // N_in is what the server actually evaluated: llama.cpp's prompt_n excludes cached tokens, while
        // OpenAI's prompt_tokens (and llama.cpp's tokens_evaluated) include them.
        let uncached = completion.promptTokens.map { $0 - (completion.cachedTokens ?? 0) }
        input = completion.timings?.promptTokens ?? uncached ?? record.tokenizerPromptTokens
    }

    public init(_ record: RequestRecord) { self.init(record, completion: ServerReportCheck.check(record).completion) }
}
