import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Foundation
import Testing

/// The Ollama interpreter against real captures (fixtures/llm-servers/ollama-*), byte for byte.
@Suite("Ollama NDJSON captures")
struct OllamaFixtureTests {
    static let dir = "llm-servers/"

    func interpret(_ file: String, splitEvery size: Int? = nil) throws -> InterpretedStream {
        let bytes = try Fixtures.bytes(Self.dir + file)
        var framer = LineFramer()
        let interpreter = OllamaStreamInterpreter(url: "u", engine: "Ollama")
        guard let size else { return try InterpretedStream.run(bytes, interpreter, parser: &framer) }
        // Feed in small pieces, as chunked transfer can cut a JSON object anywhere.
        var result = InterpretedStream()
        var copy = interpreter
        for start in stride(from: 0, to: bytes.count, by: size) {
            try Array(bytes[start..<min(start + size, bytes.count)]).withUnsafeBytes { raw in
                try framer.feed(raw) { line in
                    let step = try copy.interpret(line, at: Instant(nanoseconds: 1))
                    if let tokens = step.tokens { result.tokenChunks.append(tokens) }
                    if let done = step.completion { result.completion = done }
                }
            }
        }
        return result
    }

    @Test func chatTailWithTimingsAndDoneReason() throws {
        let stream = try interpret("ollama-api-chat-stream-tail-qwen2.5.ndjson")
        #expect(stream.tokenChunks.map(\.text) == [" I", " assist", " you", " today", "?"])
        let done = try #require(stream.completion)
        #expect(done.completionTokens == 10)  // eval_count: the tokens generated, not num_predict
        #expect(done.promptTokens == 30)
        #expect(done.stopReason == "stop")
        let timings = try #require(done.timings)
        #expect(approx(timings.predictedDuration, 0.272560072))
        #expect(approx(timings.predictedRate, 10 / 0.272560072, tolerance: 1e-9))
        #expect(approx(timings.promptRate, 30 / 0.018165665, tolerance: 1e-9))
        #expect(approx(timings.loadDuration, 0.014689647))
    }

    @Test func cachedPromptWithoutPromptEvalCount() throws {
        let stream = try interpret("ollama-api-chat-stream-tail-qwen2-1.5b-no-prompt_eval_count.ndjson")
        #expect(stream.text == "提供信息和帮助。")
        let done = try #require(stream.completion)
        #expect(done.promptTokens == nil)
        #expect(done.timings?.promptRate == nil)  // a duration without a count is no rate
        #expect(done.completionTokens == 12)
        #expect(approx(done.timings?.predictedRate, 12 / 0.287565, tolerance: 1e-9))
    }

    @Test func coldLoadFinalChunkKeepsLoadDuration() throws {
        let stream = try interpret("ollama-api-chat-stream-tail-gemma-2b-docker-cold-load.ndjson", splitEvery: 17)
        #expect(stream.tokens == 4)
        let timings = try #require(stream.completion?.timings)
        #expect(approx(timings.loadDuration, 36.800314956))
        #expect(approx(timings.promptDuration, 12.351303))
        #expect(stream.completion?.completionTokens == 24)
    }

    @Test func generateStreamWithContextArraySplitMidJSON() throws {
        for size in [1, 7, 4096] {
            let stream = try interpret("ollama-api-generate-stream-tail-mistral-windows.ndjson", splitEvery: size)
            #expect(stream.text == " the subfields of AI.")
            #expect(stream.completion?.completionTokens == 44)
            #expect(stream.completion?.promptTokens == 12)
            #expect(approx(stream.completion?.timings?.predictedRate, 44 / 0.63, tolerance: 1e-9))
        }
    }

    @Test func nonStreamedGenerateResponseDecodes() throws {
        let text = String(decoding: try Fixtures.bytes(Self.dir + "ollama-api-generate-nonstream-deepseek-r1-1.5b-with-context.txt"), as: UTF8.self)
        // The capture wraps the JSON in the shell session that produced it.
        let start = try #require(text.range(of: "\n{\n")).lowerBound
        let end = try #require(text.range(of: "\n}\n", options: .backwards)).upperBound
        let chunk = try JSONDecoder().decode(OllamaWire.Chunk.self, from: Data(text[start..<end].utf8))
        #expect(chunk.done == true)
        #expect(chunk.eval_count == 15)
        let timings = chunk.serverTimings
        #expect(approx(timings.promptRate, 10 / 0.024, tolerance: 1e-9))
        #expect(approx(timings.predictedRate, 15 / 0.086, tolerance: 1e-9))
        #expect(approx(timings.loadDuration, 0.144586102))
    }

    /// The Wireshark capture keeps the HTTP chunk boundaries (0x94, 0x95, 0x13f bytes): replayed with
    /// exactly those writes, the adapter sees the stream as Ollama sent it.
    @Test func wiresharkChunkedCaptureThroughTheAdapter() async throws {
        let payloads = try Self.wiresharkPayloads()
        #expect(payloads.map(\.count) == [0x94, 0x95, 0x13f])
        let server = try await ReplayServer.start(chunks: payloads, contentType: "application/x-ndjson")
        let client = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        defer { Task { try? await client.shutdown(); await server.stop() } }
        let engine = OllamaEngine(baseURL: server.baseURL, model: "deepseek-coder:1.3b-instruct-q4_0", client: client)
        let measured = try Measured(try await collect(engine.generate(GenerationRequest(prompt: "hi", maxTokens: 128))))
        #expect(measured.texts == [".", "\n"])
        #expect(measured.completion.completionTokens == 127)
        #expect(measured.completion.promptTokens == 70)
        #expect(measured.completion.stopReason == "stop")
        #expect(approx(measured.completion.timings?.predictedRate, 127 / 8.9454, tolerance: 1e-9))
    }

    /// Each "Payload:" block is a hex chunk-size line, then that many bytes: the JSON line and Ollama's
    /// "\n" (154 B of payload = "94\r\n" + 0x94 B of data + "\r\n"). The final 0-size chunk carries nothing.
    static func wiresharkPayloads() throws -> [[UInt8]] {
        let text = String(decoding: try Fixtures.bytes(dir + "ollama-api-chat-stream-http-chunked-wireshark-deepseek-coder.txt"), as: UTF8.self)
        var payloads: [[UInt8]] = []
        let lines = text.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() {
            guard index + 1 < lines.count, let size = Int(line, radix: 16), size > 0,
                  lines[index - 1] == "```txt" else { continue }
            let json = lines[index + 1]
            let bytes = Array(json.utf8) + [0x0A]
            #expect(bytes.count == size, "chunk of \(size) bytes at line \(index + 1)")
            payloads.append(bytes)
        }
        return payloads
    }
}
