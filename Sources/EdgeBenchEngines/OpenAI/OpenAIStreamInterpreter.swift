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
        return try decodedStep(event)
    }

    /// Any chunk, fully decoded: the reference the fast path must agree with.
    mutating func decodedStep(_ event: SSEEvent) throws -> StreamStep {
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
        if count > 0, let running = WireNumber.count(chunk.usage?.completion_tokens) {
            // A chunk may carry several tokens; cumulative usage says how many.
            if let previous = runningCompletionTokens, running > previous + 1, running - previous <= 1024 {
                count = running - previous
            }
            runningCompletionTokens = running
        }
        if count > 0 {
            tokens += count
            step.tokens = (count, text)
        }
        return step
    }

    /// An ordinary token chunk, read in one structural pass (`JSONKeyScanner`) without a full decode:
    /// one choice whose `finish_reason` is null, its text in `delta.content` (chat) or `text`
    /// (`/completions`), and no non-null `usage`, `timings`, `error`, `logprobs` or reasoning anywhere.
    /// nil for anything else, which then goes through `JSONDecoder`; what it returns is what the
    /// decode below would give (null and absent are the same to `Decodable`'s optionals).
    mutating func fastTokenStep(_ data: [UInt8]) -> StreamStep? {
        typealias Key = FastKey
        var choices = 0
        var finishNull = false
        var content = -1, contentNull = false
        var text = -1, textNull = false
        var decline = false
        let whole = data.withUnsafeBufferPointer { bytes in
            JSONKeyScanner.scan(
                bytes, keys: Key.names,
                onContainer: { path in
                    if Self.isChoice(path) { choices += 1 }
                },
                onKey: { key, at, path in
                    switch key {
                    case Key.finishReason:
                        if Self.isChoice(path) { finishNull = TokenChunkScanner.isNull(at: at, in: data) }
                    case Key.content:
                        if content < 0, Self.isDelta(path) {
                            content = at
                            contentNull = TokenChunkScanner.isNull(at: at, in: data)
                        }
                    case Key.text:
                        if text < 0, Self.isChoice(path) {
                            text = at
                            textNull = TokenChunkScanner.isNull(at: at, in: data)
                        }
                    case Key.choices, Key.delta:
                        break
                    default:  // usage, timings, error, logprobs, reasoning: only null is ordinary
                        if !TokenChunkScanner.isNull(at: at, in: data) { decline = true }
                    }
                })
        }
        guard whole, !decline, choices == 1, finishNull else { return nil }
        let piece: String
        if content >= 0 {
            // `delta.content ?? text`: a null content defers to `text`, which the full decode handles.
            if contentNull { return text >= 0 ? nil : .nothing }
            guard let value = TokenChunkScanner.string(at: content, in: data) else { return nil }
            piece = value
        } else if text >= 0, !textNull {
            guard let value = TokenChunkScanner.string(at: text, in: data) else { return nil }
            piece = value
        } else {
            return nil
        }
        guard !piece.isEmpty else { return .nothing }
        tokens += 1
        return StreamStep(tokens: (1, piece), completion: nil)
    }

    /// The keys the fast path looks at; their indices are what `JSONKeyScanner` reports.
    private enum FastKey {
        static let names: [StaticString] = [
            "choices", "delta", "content", "text", "finish_reason", "usage", "timings", "error", "logprobs",
            "reasoning_content", "reasoning",
        ]
        static let choices = 0, delta = 1, content = 2, text = 3, finishReason = 4
    }

    /// `choices[i]` itself (a container) or one of its keys: `[top, choices, element]`.
    private static func isChoice(_ path: JSONKeyScanner.Path) -> Bool {
        path.count == 3 && path[0] == JSONKeyScanner.element && path[1] == FastKey.choices
            && path[2] == JSONKeyScanner.element
    }

    /// A key of `choices[i].delta`: `[top, choices, element, delta]`.
    private static func isDelta(_ path: JSONKeyScanner.Path) -> Bool {
        path.count == 4 && path[0] == JSONKeyScanner.element && path[1] == FastKey.choices
            && path[2] == JSONKeyScanner.element && path[3] == FastKey.delta
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
            promptTokens: WireNumber.count(
                usage?.prompt_tokens ?? timings.flatMap { t in t.prompt_n.map { $0 + (t.cache_n ?? 0) } }),
            completionTokens: WireNumber.count(usage?.completion_tokens ?? timings?.predicted_n),
            cachedTokens: WireNumber.count(usage?.prompt_tokens_details?.cached_tokens ?? timings?.cache_n),
            timings: timings?.serverTimings,
            stopReason: finishReason)
    }
}
