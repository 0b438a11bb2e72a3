import EdgeBenchCore

/// The measurement loop of one request: collect the engine's timestamped events, nothing more.
/// Kept free of work on the token path (no decoding, no I/O) so the harness does not perturb
/// the board it measures.
enum RequestMeasurement {
    static func run(_ engine: any InferenceEngine, _ request: GenerationRequest) async throws -> RequestRecord {
        // On the engine's reading thread when it has one: each token then costs no thread hand-off.
        if let executor = engine.streamExecutor {
            return try await withTaskExecutorPreference(executor) { try await collect(engine, request) }
        }
        return try await collect(engine, request)
    }

    private static func collect(_ engine: any InferenceEngine, _ request: GenerationRequest) async throws -> RequestRecord {
        var submitted: Instant?
        var completion: Completion?
        var chunks: [RequestRecord.Chunk] = []
        chunks.reserveCapacity(request.maxTokens)
        var text = ""
        for try await event in engine.generate(request) {
            switch event {
            case .submitted(let at): submitted = at
            case .tokens(let count, let piece, let at):
                chunks.append(.init(at: at, count: count))
                text += piece
            case .finished(let done): completion = done
            }
        }
        guard let submitted else { throw RunnerError.incompleteStream("no submission instant was reported") }
        guard let completion else {
            throw RunnerError.incompleteStream("the response ended without a final chunk after \(chunks.count) token chunk(s)")
        }
        var record = RequestRecord(
            submittedAt: submitted, chunks: chunks, completion: completion, text: text,
            requestedMaxTokens: request.maxTokens, cache: request.cache,
            promptBytes: request.prompt.utf8.count + (request.systemPrompt?.utf8.count ?? 0))
        // METRICS.md token-count rule 2: the engine's tokenizer when the server reported no counts, or none
        // that could be true (`ServerReportCheck`).
        // try?: a count the tokenizer cannot give stays absent (n/a), never a failed request; nothing is stored here.
        if let counter = engine as? any TokenCounting {
            let completion = ServerReportCheck.check(record).completion
            if completion.completionTokens == nil && completion.timings?.predictedTokens == nil && !text.isEmpty {
                record.tokenizerCompletionTokens = try? await counter.countTokens(text)
            }
            if completion.promptTokens == nil && completion.timings?.promptTokens == nil {
                record.tokenizerPromptTokens = try? await counter.countTokens(request.prompt)
            }
        }
        return record
    }
}
