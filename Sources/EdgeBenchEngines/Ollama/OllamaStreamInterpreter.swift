import EdgeBenchCore
import Foundation

/// Interprets Ollama's NDJSON stream (`/api/generate`, `/api/chat`): one JSON object per line, one
/// generated token per object (`response` or `message.content`, or reasoning in `thinking`), the
/// last with `done: true` carrying `eval_count`, `prompt_eval_count` and durations in nanoseconds.
struct OllamaStreamInterpreter: StreamInterpreter {
    let url: String
    /// "Ollama" or "hailo-ollama", so errors name the engine that sent the bad line.
    let engine: String
    private var tokens = 0
    private let decoder = JSONDecoder()

    init(url: String, engine: String) {
        self.url = url
        self.engine = engine
    }

    mutating func interpret(_ line: [UInt8], at: Instant) throws -> StreamStep {
        if let step = fastTokenStep(line) { return step }
        let chunk: OllamaWire.Chunk
        do {
            chunk = try decoder.decode(OllamaWire.Chunk.self, from: Data(line))
        } catch {
            throw EngineError.malformedStream(
                url: url, line: String(decoding: line, as: UTF8.self),
                expected: "an NDJSON object from \(engine) (\(JSONErrorText.describe(error)))")
        }
        if let error = chunk.error { throw EngineError.serverError(url: url, message: "\(engine): \(error)") }
        var step = StreamStep.nothing
        let text = chunk.message?.content ?? chunk.response ?? ""
        let thinking = chunk.message?.thinking ?? chunk.thinking ?? ""
        // A reasoning token is a generated token too: it costs the same decode step and counts in eval_count.
        if !text.isEmpty || !thinking.isEmpty {
            tokens += 1
            step.tokens = (1, text)
        }
        if chunk.done == true {
            step.completion = Completion(
                at: at, promptTokens: WireNumber.count(chunk.prompt_eval_count),
                completionTokens: WireNumber.count(chunk.eval_count),
                timings: chunk.serverTimings, stopReason: chunk.done_reason)
        } else if chunk.done == nil && chunk.response == nil && chunk.message == nil && chunk.thinking == nil {
            throw EngineError.malformedStream(
                url: url, line: String(decoding: line, as: UTF8.self),
                expected: "an NDJSON object from \(engine) with response, message or done")
        }
        return step
    }

    /// An ordinary token line (`"done":false`, one piece of text) read without a full decode, as the
    /// llama.cpp path does; anything else (final line, errors, reasoning) goes through `JSONDecoder`.
    private mutating func fastTokenStep(_ line: [UInt8]) -> StreamStep? {
        guard TokenChunkScanner.contains(line, "\"done\":false"), !TokenChunkScanner.contains(line, "\"error\""),
              !TokenChunkScanner.contains(line, "\"thinking\""),
              let text = TokenChunkScanner.string(forKey: "content", in: line) ?? TokenChunkScanner.string(forKey: "response", in: line)
        else { return nil }
        guard !text.isEmpty else { return .nothing }
        tokens += 1
        return StreamStep(tokens: (1, text), completion: nil)
    }

    func connectionEnded(at: Instant) throws -> Completion {
        throw EngineError.streamEndedEarly(url: url, tokens: tokens)
    }
}
