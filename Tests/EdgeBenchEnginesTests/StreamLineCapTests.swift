import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Testing

/// Issue 13.6: a 1 GB SSE line with no newline was buffered whole (1.09 GB RSS). The framers now hold at
/// most `maxLineBytes` of a line or event, drop it past that, and the request fails naming the cap.
@Suite("Stream line cap", .serialized)
struct StreamLineCapTests {
    static let cap = 64 * 1024

    /// 40 times the cap, fed in network-sized pieces: the buffer never holds more than the cap.
    @Test func sseParserNeverBuffersBeyondTheCap() {
        var parser = SSEParser(maxLineBytes: Self.cap)
        var events: [SSEEvent] = []
        var peak = 0
        events += parser.feed(Array("data: {\"content\":\"ok\"}\n\n".utf8))
        events += parser.feed(Array("data: ".utf8))
        for _ in 0..<(40 * Self.cap / 4096) {
            events += parser.feed([UInt8](repeating: UInt8(ascii: "a"), count: 4096))
            peak = max(peak, parser.bufferedBytes)
        }
        events += parser.feed(Array("\n\ndata: after\n\n".utf8))
        #expect(events.map(\.text) == ["{\"content\":\"ok\"}"])
        #expect(parser.overflowed)
        #expect(peak <= Self.cap + 1, "peak \(peak)")
        #expect(parser.bufferedBytes == 0)
        #expect(parser.finish() == nil)
    }

    /// Many short data lines make one long event: the event counts, not only the line.
    @Test func sseEventOfManyLinesIsCappedToo() {
        var parser = SSEParser(maxLineBytes: 1024)
        let line = Array(("data: " + String(repeating: "b", count: 100) + "\n").utf8)
        var events: [SSEEvent] = []
        for _ in 0..<50 { events += parser.feed(line) }
        #expect(events.isEmpty)
        #expect(parser.overflowed)
        #expect(parser.bufferedBytes <= 1025)
    }

    @Test func aLineAtTheCapIsStillRead() {
        var parser = SSEParser(maxLineBytes: 1024)
        let data = String(repeating: "c", count: 1000)
        #expect(parser.feed(Array("data: \(data)\n\n".utf8)).map(\.text) == [data])
        #expect(!parser.overflowed)
    }

    @Test func lineFramerNeverBuffersBeyondTheCap() {
        var framer = LineFramer(maxLineBytes: Self.cap)
        var frames = framer.feed(Array("{\"a\":1}\n".utf8))
        var peak = 0
        for _ in 0..<(40 * Self.cap / 4096) {
            frames += framer.feed([UInt8](repeating: UInt8(ascii: "a"), count: 4096))
            peak = max(peak, framer.bufferedBytes)
        }
        frames += framer.feed(Array("\n{\"b\":2}\n".utf8))
        #expect(frames == [Array("{\"a\":1}".utf8)])
        #expect(framer.overflowed)
        #expect(peak <= Self.cap, "peak \(peak)")
        #expect(framer.finish() == nil)
    }

    static let endless = Script.Failure.endlessLineAfter(1, bytes: 4 * 1024 * 1024)

    @Test func llamaCppStreamPastTheCapFailsNamingIt() async throws {
        try await withScriptedServer(Script(tokens: ["a", "b"], failure: Self.endless)) { server, client in
            let engine = LlamaCppEngine(baseURL: server.baseURL, client: client, limits: RequestLimits(maxLineBytes: Self.cap))
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: .completion, maxTokens: 2)))
            let url = server.baseURL + "/completion"
            #expect(events.count == 2, "\(events)")
            #expect(error as? EngineError == .lineTooLong(url: url, unit: "a Server-Sent Event", limit: Self.cap))
            #expect(error.map { String(describing: $0) } == "\(url) sent a Server-Sent Event longer than 65536 bytes without ending it: "
                + "the stream was stopped there, unbuffered; the server is broken or not speaking this protocol "
                + "(is the URL and the engine kind right?); if its events really are that long, raise the cap with --max-line-bytes BYTES")
        }
    }

    @Test func ollamaStreamPastTheCapFailsNamingIt() async throws {
        try await withOllamaServer(Script(tokens: ["a", "b"], failure: Self.endless)) { server, client in
            let engine = OllamaEngine(
                baseURL: server.baseURL, model: "qwen2.5:0.5b", client: client, limits: RequestLimits(maxLineBytes: Self.cap))
            let (_, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: .chat, maxTokens: 2)))
            #expect(error as? EngineError == .lineTooLong(url: server.baseURL + "/api/chat", unit: "a line", limit: Self.cap))
        }
    }

    @Test func stackFlowLinePastTheCapFailsNamingIt() async throws {
        let script = StackFlowScript(deltas: ["a", "b"], failure: .endlessLineAfter(1, bytes: 4 * 1024 * 1024))
        try await withStackFlowServer(script) { server in
            let engine = try await StackFlowEngine.connect(url: server.url, limits: RequestLimits(maxLineBytes: Self.cap))
            _ = try await engine.setup(model: "qwen2.5-0.5B-prefill-20e", maxTokens: 8, systemPrompt: nil)
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", maxTokens: 8)))
            #expect(events.count == 2, "\(events)")
            #expect(error as? StackFlowError == .lineTooLong(url: server.url, action: "inference on llm.1000", limit: Self.cap))
            await engine.close()
        }
    }
}
