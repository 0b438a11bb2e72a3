import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Testing

/// The OpenAI interpreter's one-pass fast path against its full `JSONDecoder` decode, on real captures:
/// wherever the fast path answers, it must answer exactly what the decode does.
@Suite("OpenAI token chunks without a full decode")
struct OpenAIFastPathTests {
    static let captures = [
        Fixtures.b11434 + "/chat-stream.response.sse",
        Fixtures.smollm0c1 + "/chat-stream.response.sse",
        Fixtures.gemma0c1 + "/chat-stream.response.sse",
        "llm-servers/llamacpp-server-b6351-v1-completions-stream-PARTIAL.txt",
        "llm-servers/vllm-0.5-stream-chunks-no-usage-PARTIAL.txt",
        "llm-servers/vllm-omni-stream-continuous-usage-PARTIAL.txt",
        "llm-servers/ollama-v1-chat-stream-tail-qwen2.5-0.5b-PARTIAL.txt",
    ]

    /// Per event: (fast path's answer or nil when it declined, the full decode's answer).
    struct Compared {
        var fast: [(count: Int, text: String)?] = []
        var decoded: [(count: Int, text: String)?] = []
        var declined = 0
    }

    static func compare(_ fixture: String) throws -> Compared {
        var fast = OpenAIStreamInterpreter(url: "u")
        var full = OpenAIStreamInterpreter(url: "u")
        var result = Compared()
        for event in parseAll(try Fixtures.bytes(fixture)) where !event.isDone {
            let decoded = try full.decodedStep(event)
            result.decoded.append(decoded.tokens)
            if let step = fast.fastTokenStep(event.data) {
                #expect(step.completion == nil)
                result.fast.append(step.tokens)
            } else {
                result.declined += 1
                result.fast.append(decoded.tokens)
                _ = try fast.decodedStep(event)
            }
        }
        return result
    }

    @Test(arguments: captures)
    func agreesWithTheFullDecodeOnEveryEvent(_ fixture: String) throws {
        let compared = try Self.compare(fixture)
        #expect(compared.fast.count == compared.decoded.count)
        for (index, (fast, decoded)) in zip(compared.fast, compared.decoded).enumerated() {
            #expect(fast?.count == decoded?.count, "event \(index)")
            #expect(fast?.text == decoded?.text, "event \(index)")
        }
    }

    @Test func llamaServerChatStreamTakesTheFastPathForEveryTokenChunk() throws {
        // 67 events before [DONE]: the role chunk, 64 content chunks, the finish chunk, the usage chunk.
        let compared = try Self.compare(Fixtures.b11434 + "/chat-stream.response.sse")
        #expect(compared.decoded.count == 67)
        #expect(compared.decoded.compactMap { $0 }.count == 64)
        // Only the finish chunk ("finish_reason":"length") and the usage/timings chunk go to the decoder;
        // the role chunk ("content":null) is answered by the fast path as no token.
        #expect(compared.declined == 2)
    }

    @Test func completionsStreamTextIsReadFromTheTextField() throws {
        // /v1/completions puts the text in choices[0].text, not in a delta (what `--api completion` streams).
        var interpreter = OpenAIStreamInterpreter(url: "u")
        var pieces: [String] = []
        for event in parseAll(try Fixtures.bytes("llm-servers/llamacpp-server-b6351-v1-completions-stream-PARTIAL.txt")) {
            let answer = interpreter.fastTokenStep(event.data)
            let step = try #require(answer)
            pieces.append(try #require(step.tokens).text)
        }
        #expect(pieces == ["Hello", "!", " How", " can", " I"])
    }

    @Test func declinesChunksThatAreNotOrdinaryTokens() {
        var interpreter = OpenAIStreamInterpreter(url: "u")
        func fast(_ json: String) -> StreamStep? { interpreter.fastTokenStep(Array(json.utf8)) }
        // finish chunk, usage chunk, an error, reasoning, logprobs, two choices, a truncated chunk
        #expect(fast(#"{"choices":[{"text":"","index":0,"finish_reason":"length"}]}"#) == nil)
        #expect(fast(#"{"choices":[],"usage":{"completion_tokens":3}}"#) == nil)
        #expect(fast(#"{"choices":[{"text":"a","finish_reason":null}],"usage":{"completion_tokens":3}}"#) == nil)
        #expect(fast(#"{"error":{"message":"boom"},"choices":[{"text":"a","finish_reason":null}]}"#) == nil)
        #expect(fast(#"{"choices":[{"delta":{"content":"a","reasoning_content":"r"},"finish_reason":null}]}"#) == nil)
        #expect(fast(#"{"choices":[{"text":"a","logprobs":{"tokens":["a"]},"finish_reason":null}]}"#) == nil)
        #expect(fast(#"{"choices":[{"delta":{},"finish_reason":null},{"delta":{"content":"b"},"finish_reason":null}]}"#) == nil)
        #expect(fast(#"{"choices":[{"text":"a","finish_reason":null}]"#) == nil)
        // content null defers to text in the decode (`delta.content ?? text`): declined when both are there
        #expect(fast(#"{"choices":[{"delta":{"content":null},"text":"t","finish_reason":null}]}"#) == nil)
        // a content key outside the delta is not the delta's
        #expect(fast(#"{"choices":[{"message":{"content":"m"},"delta":{},"finish_reason":null}]}"#) == nil)
    }

    @Test func readsNullsLikeAbsentFieldsAndTextThatSpellsKeys() {
        var interpreter = OpenAIStreamInterpreter(url: "u")
        let nulls = interpreter.fastTokenStep(Array(
            #"{"usage":null,"choices":[{"index":0,"delta":{"content":"x"},"logprobs":null,"finish_reason":null}],"timings":null}"#.utf8))
        #expect(nulls?.tokens?.text == "x")
        let spelled = interpreter.fastTokenStep(Array(
            #"{"choices":[{"text":"say \"usage\":{\"error\":1}","finish_reason":null}]}"#.utf8))
        #expect(spelled?.tokens?.text == #"say "usage":{"error":1}"#)
        let spaced = interpreter.fastTokenStep(Array(
            "{ \"choices\" : [ { \"delta\" : { \"content\" : \"caf\\u00e9\" } , \"finish_reason\" : null } ] }\r\n".utf8))
        #expect(spaced?.tokens?.text == "café")
    }

    @Test func splitAtEveryByteWithCRLFAndKeepAlivesGivesTheSameTokens() throws {
        let bytes = try Fixtures.bytes("llm-servers/llamacpp-server-b6351-v1-completions-stream-PARTIAL.txt")
        // CRLF line ends and a keep-alive comment before every event, as proxies and some servers send.
        var noisy: [UInt8] = Array(": keep-alive\r\n\r\n".utf8)
        for byte in bytes {
            if byte == 0x0A { noisy.append(0x0D) }
            noisy.append(byte)
            if byte == 0x0A, noisy.suffix(4) == [0x0D, 0x0A, 0x0D, 0x0A] { noisy += Array(": ping\r\n".utf8) }
        }
        let expected = ["Hello", "!", " How", " can", " I"]
        for split in 0...noisy.count {
            var parser = SSEParser()
            var interpreter = OpenAIStreamInterpreter(url: "u")
            var pieces: [String] = []
            let handle: (SSEEvent) throws -> Void = { event in
                if let tokens = try interpreter.interpret(event, at: Instant(nanoseconds: 0)).tokens { pieces.append(tokens.text) }
            }
            try Array(noisy[..<split]).withUnsafeBytes { try parser.feed($0, handle) }
            try Array(noisy[split...]).withUnsafeBytes { try parser.feed($0, handle) }
            if let last = parser.finish() { try handle(last) }
            #expect(pieces == expected, "split at \(split)")
            if pieces != expected { break }
        }
    }
}
