import EdgeBenchCore
import Foundation

/// Interprets llama-server's native `/completion` SSE stream: one JSON object per `data:` line,
/// the last one with `"stop": true` carrying counts, `stop_type` and `timings`.
struct LlamaCppStreamInterpreter: StreamInterpreter {
    let url: String
    private var tokens = 0
    private let decoder = JSONDecoder()

    init(url: String) { self.url = url }

    mutating func interpret(_ event: SSEEvent, at: Instant) throws -> StreamStep {
        if let step = fastTokenStep(event.data) { return step }
        let chunk: LlamaCppWire.Chunk
        do {
            chunk = try decoder.decode(LlamaCppWire.Chunk.self, from: Data(event.data))
        } catch {
            throw EngineError.malformedStream(
                url: url, line: "data: " + event.text,
                expected: "a llama.cpp /completion JSON chunk (\(JSONErrorText.describe(error)))")
        }
        if let error = chunk.error {
            throw EngineError.serverError(url: url, message: error.message ?? event.text)
        }
        var step = StreamStep.nothing
        let text = chunk.content ?? ""
        let count = chunk.tokens.map(\.count) ?? (text.isEmpty ? 0 : 1)
        if count > 0 {
            tokens += count
            step.tokens = (count, text)
        }
        if chunk.stop == true {
            step.completion = Completion(
                at: at,
                // tokens_evaluated is the whole prompt (cached part included), like OpenAI prompt_tokens.
                promptTokens: WireNumber.count(chunk.tokens_evaluated ?? chunk.timings?.prompt_n),
                completionTokens: WireNumber.count(chunk.tokens_predicted ?? chunk.timings?.predicted_n),
                cachedTokens: WireNumber.count(chunk.timings?.cache_n),
                timings: chunk.timings?.serverTimings,
                stopReason: chunk.stop_type)
        }
        return step
    }

    /// An ordinary token chunk (`"stop":false`, no error) read without a full decode; nil for anything
    /// else, which then goes through `JSONDecoder`.
    private mutating func fastTokenStep(_ data: [UInt8]) -> StreamStep? {
        guard TokenChunkScanner.contains(data, "\"stop\":false"), !TokenChunkScanner.contains(data, "\"error\""),
              let text = TokenChunkScanner.string(forKey: "content", in: data)
        else { return nil }
        let count = TokenChunkScanner.numberArrayCount(forKey: "tokens", in: data) ?? (text.isEmpty ? 0 : 1)
        guard count > 0 else { return .nothing }
        tokens += count
        return StreamStep(tokens: (count, text), completion: nil)
    }

    func connectionEnded(at: Instant) throws -> Completion {
        throw EngineError.streamEndedEarly(url: url, tokens: tokens)
    }
}
