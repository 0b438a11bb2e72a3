import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Foundation
import Testing

/// Real SSE and NDJSON captures, mutated, through the framers and interpreters a request uses (a broken
/// or hostile server can send anything). Each mutation completes or fails with an engine error in words.
@Suite("Stream fuzz")
struct StreamFuzzTests {
    static func sse() throws -> [Fuzz.Input] { try fuzzInputs(under: "llm-servers", endingIn: [".sse"]) }

    static func interpret(_ bytes: [UInt8], _ input: Fuzz.Input) throws {
        if input.name.hasSuffix(".ndjson") {
            var framer = LineFramer()
            _ = try InterpretedStream.run(bytes, OllamaStreamInterpreter(url: "u", engine: "Ollama"), parser: &framer)
        } else if input.name.contains("/chat-stream") {
            _ = try InterpretedStream.run(bytes, OpenAIStreamInterpreter(url: "u"))
        } else {
            _ = try InterpretedStream.run(bytes, LlamaCppStreamInterpreter(url: "u"))
        }
    }

    @Test func mutatedSSEStreamsCompleteOrFailInWords() throws {
        let inputs = try Self.sse()
        #expect(inputs.count == 6)
        let outcome = Fuzz.run(inputs, count: 500, seed: 13_10_1) { message, _ in
            namesNoInternals(message) && message.contains("u")
        } parse: { bytes, input in
            try Self.interpret(bytes, input)
        }
        #expect(outcome.accepted > outcome.total / 10)
        #expect(outcome.refused > outcome.total / 20)
        #expect(outcome.unclear == [])
    }

    @Test func mutatedOllamaStreamsCompleteOrFailInWords() throws {
        let inputs = try fuzzInputs(under: "llm-servers", endingIn: [".ndjson"])
        #expect(inputs.count == 4)
        let outcome = Fuzz.run(inputs, count: 750, seed: 13_10_2) { message, _ in
            namesNoInternals(message)
        } parse: { bytes, input in
            try Self.interpret(bytes, input)
        }
        #expect(outcome.accepted > outcome.total / 10)
        #expect(outcome.refused > outcome.total / 20)
        #expect(outcome.unclear == [])
    }

    /// StackFlow replies are JSON lines; the line framer and the reply decoder see whatever the device sends.
    @Test func mutatedStackFlowLinesDecodeOrFailInWords() throws {
        let lines = [
            StackFlowReplies.piece(requestID: "1", workID: "llm.1000", delta: "Hello", index: 0, finish: false),
            StackFlowReplies.status(requestID: "2", workID: "llm.1000"),
            StackFlowReplies.framingReset() + "\n",
        ]
        let inputs = [Fuzz.Input(name: "stackflow", bytes: Array(lines.joined().utf8))]
        let outcome = Fuzz.run(inputs, count: 3000, seed: 13_10_3) { message, _ in
            namesNoInternals(message)
        } parse: { bytes, _ in
            var framer = LineFramer()
            var replies: [[UInt8]] = []
            bytes.withUnsafeBytes { raw in framer.feed(raw) { replies.append(Array($0)) } }
            for reply in replies {
                do {
                    _ = try JSONDecoder().decode(StackFlowWire.Reply.self, from: Data(reply))
                } catch {
                    // what StackFlowEngine.exchange does with an unreadable line
                    throw StackFlowError.malformedReply(
                        url: "u", action: "inference", line: String(decoding: reply, as: UTF8.self),
                        problem: JSONErrorText.describe(error))
                }
            }
        }
        #expect(outcome.accepted > outcome.total / 10)
        #expect(outcome.refused > outcome.total / 20)
        #expect(outcome.unclear == [])
    }
}
