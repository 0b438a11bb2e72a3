import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Testing

@Suite("Engine errors", .serialized)
struct EngineErrorTests {
    @Test func connectionRefused() async throws {
        // A port that was just in use and is now closed.
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 1))
        let url = server.baseURL
        await server.stop()
        let client = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        let engine = LlamaCppEngine(baseURL: url, client: client)
        let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: .completion, maxTokens: 1)))
        var healthError: (any Error)?
        do { _ = try await engine.health() } catch { healthError = error }
        try await client.shutdown()
        #expect(events.count == 1)
        let expected = "cannot connect to \(url) (connection refused): is the server running? start it or pass --url"
        #expect(error.map { String(describing: $0) } == expected)
        #expect(healthError.map { String(describing: $0) } == expected)
    }

    @Test func httpStatusCarriesTheBodyExcerpt() async throws {
        let body = #"{"error":{"code":500,"message":"failed to decode image","type":"server_error"}}"#
        try await withScriptedServer(Script(tokens: ["a"], failure: .httpStatus(500, body))) { server, client in
            let engine = LlamaCppEngine(baseURL: server.baseURL, client: client)
            let (_, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: .completion, maxTokens: 1)))
            #expect(error as? EngineError == .httpStatus(url: server.baseURL + "/completion", status: 500, body: body))
            #expect(String(describing: error!) == "\(server.baseURL)/completion answered HTTP 500: \(body) (see the server's log for details)")
        }
    }

    @Test func malformedLineIsQuoted() async throws {
        try await withScriptedServer(Script(tokens: ["a", "b", "c"], failure: .malformedAfter(2))) { server, client in
            let engine = LlamaCppEngine(baseURL: server.baseURL, client: client)
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: .completion, maxTokens: 3)))
            #expect(events.count == 3)  // submitted + 2 token chunks, then the bad line
            let text = String(describing: try #require(error))
            #expect(text.hasPrefix("malformed response from \(server.baseURL)/completion: expected a llama.cpp /completion JSON chunk ("))
            #expect(text.hasSuffix("got: data: {\"content\": tru"))
        }
    }

    @Test func droppedConnectionSaysHowManyTokensArrived() async throws {
        for api in [GenerationRequest.API.completion, .chat] {
            try await withScriptedServer(Script(tokens: ["a", "b", "c", "d"], failure: .dropConnectionAfter(3))) { server, client in
                let engine = LlamaCppEngine(baseURL: server.baseURL, client: client)
                let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: api, maxTokens: 4)))
                // The server sends 3 tokens and resets the connection; a reset makes the kernel drop bytes the
                // client has not read yet, so 0 to 3 of them arrive. The error names exactly what arrived.
                let arrived = events.count - 1
                #expect((0...3).contains(arrived), "\(api)")
                #expect(error.map { String(describing: $0) }
                    == "server closed the stream after \(arrived) tokens without a final chunk: did it crash? see its log", "\(api)")
            }
        }
    }

    @Test func longBodiesAreCutTo200Characters() {
        let error = EngineError.malformedStream(url: "http://h/x", line: String(repeating: "z", count: 500) + "\nmore", expected: "JSON")
        #expect(error.description == "malformed response from http://h/x: expected JSON, got: " + String(repeating: "z", count: 200) + "…")
    }

    /// Each wait says what ran out, its limit, and the option that changes it; a connect timeout is about
    /// the network, never the model (it used to say "use a smaller model").
    @Test func timeoutTextNamesTheWaitAndItsOption() {
        #expect(EngineError.timeout(url: "http://h:1/completion", wait: .total, seconds: 600).description
            == "http://h:1/completion timed out: the request did not finish within 600 s (request timeout, streamed body included): "
            + "the server stalled mid-stream, trickles, or generates slower than that; raise it with --request-timeout SECONDS "
            + "(or the engine's `timeout:` in the plan), or ask for fewer tokens")
        #expect(EngineError.timeout(url: "http://h:1/completion", wait: .idle, seconds: 2.5).description
            == "http://h:1/completion timed out: no bytes from the server for 2.5 s (idle timeout): the server stalled, or a "
            + "prefill on this board is slower than that; if it is that slow, raise it with --idle-timeout SECONDS "
            + "(or the engine's `idle_timeout:` in the plan)")
        let connect = EngineError.timeout(url: "http://10.0.0.9:8080", wait: .connect, seconds: nil).description
        #expect(connect == "http://10.0.0.9:8080 timed out: no connection within the connect timeout (connect timeout): "
            + "is the host up and on this network, and is the port right? (a firewall that drops packets looks like this)")
        #expect(!connect.contains("model"))
    }

    /// The first token comes at once, the other 99 a second apart: a request that ran to the end would take
    /// 99 s and hand over 100 tokens, so fewer tokens (or a cancellation error) show that cancelling ended it,
    /// with no clock read.
    @Test func cancellingTheConsumerStopsTheRequest() async throws {
        let script = Script(tokens: Array(repeating: "x", count: 100), delays: [.zero, .seconds(1)])
        try await withScriptedServer(script) { server, client in
            let engine = LlamaCppEngine(baseURL: server.baseURL, client: client)
            let (firstToken, firstTokenSink) = AsyncStream<Void>.makeStream()
            let task = Task {
                defer { firstTokenSink.finish() }  // a request that fails before a token must not leave the wait hanging
                var tokens = 0
                for try await event in engine.generate(GenerationRequest(prompt: "x", api: .completion, maxTokens: 100)) {
                    if case .tokens = event {
                        tokens += 1
                        firstTokenSink.yield()
                    }
                }
                return tokens
            }
            for await _ in firstToken { break }
            task.cancel()
            switch await task.result {
            case .success(let tokens):
                #expect(tokens < 100, "the request ran to the end")
            case .failure(let error):
                // ended early all the same: a CancellationError, or the cancelled read reported as the stream
                // ending early (what the old test allowed too: it only timed the end)
                #expect(error is CancellationError || error is EngineError, "\(error)")
            }
        }
    }
}
