import EdgeBenchCore
import Foundation

/// Interprets an OpenAI-compatible SSE stream: content deltas, a finish reason, an optional usage-only
/// chunk (`choices: []`), llama-server's extra `timings`, then `data: [DONE]`.
struct OpenAIStreamInterpreter: StreamInterpreter {
    let url: String
    private var tokens = 0
    private var usage: OpenAIWire.Usage?
    private var timings: LlamaCppWire.Timings?
    private var finishReason: String?
    /// Last cumulative `completion_tokens` seen (vLLM `continuous_usage_stats` sends it on every chunk).
    private var runningCompletionTokens: Int?
    private let decoder = JSONDecoder()

    init(url: String) { self.url = url }

    mutating func interpret(_ event: SSEEvent, at: Instant) throws -> StreamStep {
        if event.isDone { return StreamStep(tokens: nil, completion: completion(at: at)) }
        if let step = fastTokenStep(event.data) { return step }
        let chunk: OpenAIWire.Chunk
        do {
            chunk = try decoder.decode(OpenAIWire.Chunk.self, from: Data(event.data))
        } catch {
            throw EngineError.malformedStream(
                url: url, line: "data: " + event.text,
                expected: "an OpenAI chat.completion.chunk JSON object or [DONE] (\(JSONErrorText.describe(error)))")
        }
        if let error = chunk.error {
            throw EngineError.serverError(url: url, message: error.message ?? event.text)
        }
        if let usage = chunk.usage { self.usage = usage }
        if let timings = chunk.timings { self.timings = timings }
        var step = StreamStep.nothing
        guard let choice = chunk.choices?.first else { return step }
        if let reason = choice.finish_reason { finishReason = reason }
        var text = choice.delta?.content ?? choice.text ?? ""
        if let reasoning = choice.delta?.reasoning_content ?? choice.delta?.reasoning, !reasoning.isEmpty {
            text = reasoning + text
        }
        var count = text.isEmpty ? 0 : 1
        if count > 0, let running = chunk.usage?.completion_tokens {
            // A chunk may carry several tokens; cumulative usage says how many.
            if let previous = runningCompletionTokens, running - previous > 1 { count = running - previous }
            runningCompletionTokens = running
        }
        if count > 0 {
            tokens += count
            step.tokens = (count, text)
        }
        return step
    }

    /// An ordinary content delta (`"finish_reason":null`, no usage, timings, reasoning or error) read
    /// without a full decode; nil for anything else, which then goes through `JSONDecoder`.
    private mutating func fastTokenStep(_ data: [UInt8]) -> StreamStep? {
        guard TokenChunkScanner.contains(data, "\"finish_reason\":null"),
              !TokenChunkScanner.contains(data, "\"usage\""), !TokenChunkScanner.contains(data, "\"timings\""),
              !TokenChunkScanner.contains(data, "\"reasoning_content\""),
              !TokenChunkScanner.contains(data, "\"reasoning\""), !TokenChunkScanner.contains(data, "\"error\"")
        else { return nil }
        // A role-only chunk (`"content":null`) carries no token.
        if TokenChunkScanner.isNull(forKey: "content", in: data) { return .nothing }
        guard let text = TokenChunkScanner.string(forKey: "content", in: data) else { return nil }
        guard !text.isEmpty else { return .nothing }
        tokens += 1
        return StreamStep(tokens: (1, text), completion: nil)
    }

    mutating func connectionEnded(at: Instant) throws -> Completion {
        // Some servers close without `[DONE]`; a finish reason or usage means the response was whole.
        guard finishReason != nil || usage != nil else {
            throw EngineError.streamEndedEarly(url: url, tokens: tokens)
        }
        return completion(at: at)
    }

    private func completion(at: Instant) -> Completion {
        Completion(
            at: at,
            promptTokens: usage?.prompt_tokens ?? timings.flatMap { t in t.prompt_n.map { $0 + (t.cache_n ?? 0) } },
            completionTokens: usage?.completion_tokens ?? timings?.predicted_n,
            cachedTokens: usage?.prompt_tokens_details?.cached_tokens ?? timings?.cache_n,
            timings: timings?.serverTimings,
            stopReason: finishReason)
    }
}
