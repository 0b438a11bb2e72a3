import EdgeBenchTesting
import EdgeBenchCore
@testable import EdgeBenchEngines
import Testing

/// The parser and interpreters on real captures (fixtures/llm-servers). Expected values were read off the files.
@Suite("Real SSE captures")
struct SSEFixtureTests {
    // MARK: llama.cpp native /completion

    @Test func b11434NativeCompletionStream() throws {
        let bytes = try Fixtures.bytes(Fixtures.b11434 + "/completion-stream.response.sse")
        #expect(parseAll(bytes).count == 33)
        let stream = try InterpretedStream.run(bytes, LlamaCppStreamInterpreter(url: "u"))
        #expect(stream.tokenChunks.count == 32)
        #expect(stream.tokens == 32)
        #expect(stream.text.hasPrefix(", the old man stood at the edge of a cliff"))
        #expect(stream.text.utf8.count == 119)
        let completion = try #require(stream.completion)
        #expect(completion.promptTokens == 4)
        #expect(completion.completionTokens == 32)
        #expect(completion.cachedTokens == 0)
        #expect(completion.stopReason == "limit")
        #expect(completion.timings == ServerTimings(
            promptTokens: 4, promptDuration: 0.022194, promptRate: 180.2288906911778,
            predictedTokens: 32, predictedDuration: 0.289619, predictedRate: 107.03717642834206, cachedTokens: 0))
    }

    @Test func smollm0c1e570NativeCompletionStream() throws {
        let stream = try InterpretedStream.run(
            try Fixtures.bytes(Fixtures.smollm0c1 + "/completion-stream.response.sse"), LlamaCppStreamInterpreter(url: "u"))
        #expect(stream.tokens == 32)
        let completion = try #require(stream.completion)
        #expect(completion.promptTokens == 4)
        #expect(approx(completion.timings?.promptDuration, 0.026611))
        #expect(approx(completion.timings?.predictedDuration, 0.341641))
        #expect(completion.timings?.predictedRate == 90.73852377202971)
    }

    @Test func gemmaNativeCompletionCountsCachedPromptToken() throws {
        let stream = try InterpretedStream.run(
            try Fixtures.bytes(Fixtures.gemma0c1 + "/completion-stream.response.sse"), LlamaCppStreamInterpreter(url: "u"))
        #expect(stream.tokens == 32)
        #expect(stream.text.utf8.count == 134)
        let completion = try #require(stream.completion)
        // tokens_evaluated 5 = prompt_n 4 evaluated + cache_n 1 reused (the <bos> of the previous request).
        #expect(completion.promptTokens == 5)
        #expect(completion.cachedTokens == 1)
        #expect(completion.timings?.promptTokens == 4)
        #expect(approx(completion.timings?.predictedDuration, 0.729156))
        #expect(completion.timings?.predictedRate == 42.514907646649)
    }

    // MARK: llama.cpp OpenAI-compatible /v1/chat/completions

    @Test func b11434ChatStreamWithUsageAndTimings() throws {
        let bytes = try Fixtures.bytes(Fixtures.b11434 + "/chat-stream.response.sse")
        let events = parseAll(bytes)
        #expect(events.count == 68)  // role + 64 content + finish + usage + [DONE]
        #expect(events.last?.isDone == true)
        let stream = try InterpretedStream.run(bytes, OpenAIStreamInterpreter(url: "u"))
        #expect(stream.tokenChunks.count == 64)  // the role-only first chunk is not a token
        #expect(stream.tokenChunks.first?.text == "The")
        #expect(stream.text.utf8.count == 321)
        let completion = try #require(stream.completion)
        #expect(completion.promptTokens == 30)
        #expect(completion.completionTokens == 64)
        #expect(completion.cachedTokens == 0)
        #expect(completion.stopReason == "length")
        #expect(completion.timings == ServerTimings(
            promptTokens: 30, promptDuration: 0.131167, promptRate: 228.71606425396632,
            predictedTokens: 64, predictedDuration: 0.667945, predictedRate: 94.31914304321464, cachedTokens: 0))
    }

    @Test func gemmaAndSmollm0c1e570ChatStreams() throws {
        let gemma = try InterpretedStream.run(
            try Fixtures.bytes(Fixtures.gemma0c1 + "/chat-stream.response.sse"), OpenAIStreamInterpreter(url: "u"))
        #expect(gemma.tokens == 64)
        #expect(gemma.text.utf8.count == 188)
        #expect(gemma.completion?.promptTokens == 53)
        #expect(approx(gemma.completion?.timings?.predictedDuration, 1.666939))
        let smollm = try InterpretedStream.run(
            try Fixtures.bytes(Fixtures.smollm0c1 + "/chat-stream.response.sse"), OpenAIStreamInterpreter(url: "u"))
        #expect(smollm.tokens == 64)
        #expect(smollm.completion?.promptTokens == 30)
        #expect(smollm.completion?.timings?.promptRate == 180.26896129024502)
    }

    // MARK: partial captures of other servers

    @Test func vllmPartialStreamWithoutUsage() throws {
        let bytes = try Fixtures.bytes("llm-servers/vllm-0.5-stream-chunks-no-usage-PARTIAL.txt")
        let events = parseAll(bytes)
        #expect(events.count == 6)
        var interpreter = OpenAIStreamInterpreter(url: "http://vllm/v1/chat/completions")
        var chunks: [String] = []
        for event in events {
            if let tokens = try interpreter.interpret(event, at: Instant(nanoseconds: 0)).tokens { chunks.append(tokens.text) }
        }
        // 5 tokens: the first chunk is role-only
        #expect(chunks == ["我是", "阿里", "云", "开发", "的一款"])
        // Cut off before any finish reason: the adapter must say the stream ended early, not invent a completion.
        #expect(throws: EngineError.streamEndedEarly(url: "http://vllm/v1/chat/completions", tokens: 5)) {
            try interpreter.connectionEnded(at: Instant(nanoseconds: 0))
        }
    }

    @Test func ollamaV1TailUsageChunkThenDone() throws {
        let bytes = try Fixtures.bytes("llm-servers/ollama-v1-chat-stream-tail-qwen2.5-0.5b-PARTIAL.txt")
        let events = parseAll(bytes)
        // The capture starts with a header line and the tail of a chunk (not a field): only 3 real events remain.
        #expect(events.count == 3)
        let stream = try InterpretedStream.run(Array(bytes), OpenAIStreamInterpreter(url: "u"))
        #expect(stream.tokens == 0)  // the last chunk's content is "" (finish chunk), so no tokens
        let completion = try #require(stream.completion)
        #expect(completion.promptTokens == 32)
        #expect(completion.completionTokens == 4)
        #expect(completion.cachedTokens == nil)
        #expect(completion.timings == nil)
        #expect(completion.stopReason == "stop")
    }

    @Test func vllmOmniContinuousUsage() throws {
        let bytes = try Fixtures.bytes("llm-servers/vllm-omni-stream-continuous-usage-PARTIAL.txt")
        let events = parseAll(bytes)
        // The curl command lines before the stream are not fields and are skipped.
        #expect(events.count == 2)
        var interpreter = OpenAIStreamInterpreter(url: "u")
        let first = try interpreter.interpret(events[0], at: Instant(nanoseconds: 0))
        #expect(first.tokens == nil)  // role chunk with content "" and completion_tokens 0
        let second = try interpreter.interpret(events[1], at: Instant(nanoseconds: 0))
        #expect(second.tokens?.count == 1)
        #expect(second.tokens?.text == "v")
        // Usage was seen (continuous stats), so a connection end counts as the end of the response.
        let completion = try interpreter.connectionEnded(at: Instant(nanoseconds: 9))
        #expect(completion.promptTokens == 15)
        #expect(completion.completionTokens == 1)
        #expect(completion.at == Instant(nanoseconds: 9))
    }

    // MARK: split anywhere

    static let splitFixtures = [
        Fixtures.b11434 + "/completion-stream.response.sse",
        Fixtures.b11434 + "/chat-stream.response.sse",
        Fixtures.gemma0c1 + "/completion-stream.response.sse",
        "llm-servers/vllm-0.5-stream-chunks-no-usage-PARTIAL.txt",
        "llm-servers/ollama-v1-chat-stream-tail-qwen2.5-0.5b-PARTIAL.txt",
        "llm-servers/vllm-omni-stream-continuous-usage-PARTIAL.txt",
    ]

    @Test(arguments: splitFixtures)
    func splittingAtEveryByteGivesTheSameEvents(_ fixture: String) throws {
        let bytes = try Fixtures.bytes(fixture)
        let whole = parseAll(bytes)
        #expect(!whole.isEmpty)
        var mismatches: [Int] = []
        for split in 0...bytes.count where parseAll(bytes, splitAt: split) != whole {
            mismatches.append(split)
        }
        #expect(mismatches.isEmpty, "splits that changed the events: \(mismatches.prefix(10))")
    }

    @Test func crlfVersionOfACaptureGivesTheSameEvents() throws {
        let bytes = try Fixtures.bytes(Fixtures.b11434 + "/completion-stream.response.sse")
        var crlf: [UInt8] = []
        for byte in bytes {
            if byte == 0x0A { crlf.append(0x0D) }
            crlf.append(byte)
        }
        let whole = parseAll(bytes)
        #expect(parseAll(crlf) == whole)
        // every split of the CRLF version too, including between CR and LF
        for split in stride(from: 0, through: crlf.count, by: 1) where parseAll(crlf, splitAt: split) != whole {
            Issue.record("split at \(split) changed the events")
            break
        }
    }
}
