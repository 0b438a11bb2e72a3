import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Testing

@Suite("OpenAI-compatible adapter against ScriptedLLMServer", .serialized)
struct OpenAIEngineTests {
    static let secret = "sk-test-9f8e7d6c5b4a"

    @Test func streamsChatWithUsageAndSendsTheBearerToken() async throws {
        let script = Script(tokens: ["Hello", ",", " world"], delays: [.milliseconds(50), .milliseconds(20)], promptTokens: 21)
        try await withScriptedServer(script) { server, client in
            let engine = OpenAIEngine(
                baseURL: server.baseURL + "/v1", model: "scripted-model", client: client,
                apiKeyEnvironmentVariable: "EDGEBENCH_TEST_KEY", environment: ["EDGEBENCH_TEST_KEY": Self.secret])
            _ = try await engine.describe()  // warms the connection
            let request = GenerationRequest(prompt: "Say hello", maxTokens: 3, topP: 0.95)
            // TTFT and ITL against the server's own write times: bounds that hold under any load (a role
            // chunk stamped as the first token, or a stamp taken late, fails every run).
            let gate = TokenGate(openedThrough: 0)
            await server.setGate(gate)
            let measured = try Measured(try await collectGated(engine.generate(request), gate: gate))
            await expectTimeline(measured, firstDelay: 0.050, gap: 0.020, server: server)
            #expect(measured.texts == ["Hello", ",", " world"])
            #expect(measured.tokenCounts == [1, 1, 1])
            // counts from the usage-only final chunk (choices: [])
            #expect(measured.completion.promptTokens == 21)
            #expect(measured.completion.completionTokens == 3)
            #expect(measured.completion.cachedTokens == 0)
            #expect(measured.completion.timings == nil)
            #expect(measured.completion.stopReason == "length")
            let recorded = try #require(await server.requests().last)
            #expect(recorded.path == "/v1/chat/completions")
            #expect(recorded.headers["authorization"] == "Bearer \(Self.secret)")
            #expect(recorded.body
                == #"{"max_tokens":3,"messages":[{"content":"Say hello","role":"user"}],"model":"scripted-model","seed":42,"stream":true,"stream_options":{"include_usage":true},"temperature":0,"top_p":0.95}"#)
        }
    }

    @Test func describeListsTheModelWithoutTheToken() async throws {
        try await withScriptedServer(Script.fast(tokens: 1)) { server, client in
            let engine = OpenAIEngine(
                baseURL: server.baseURL + "/v1", model: "scripted-model", client: client,
                apiKeyEnvironmentVariable: "KEY", environment: ["KEY": Self.secret])
            let description = try await engine.describe()
            #expect(description == EngineDescription(
                adapter: "openai", name: "llamacpp", url: server.baseURL + "/v1", contextSize: 2048,
                model: ModelInfo(name: "scripted-model", sizeBytes: 96_576_768, quantisation: "Q4_1", parameters: 134_515_008)))
            #expect(!String(describing: description).contains(Self.secret))
            #expect(await server.requests().last?.headers["authorization"] == "Bearer \(Self.secret)")
        }
    }

    @Test func completionsAPIStreamsText() async throws {
        try await withScriptedServer(Script(tokens: ["A", "B"], promptTokens: 3, stopReason: "stop")) { server, client in
            let engine = OpenAIEngine(baseURL: server.baseURL + "/v1", model: nil, client: client)
            let measured = try Measured(try await collect(engine.generate(
                GenerationRequest(prompt: "x", api: .completion, maxTokens: 2, seed: nil))))
            #expect(measured.texts == ["A", "B"])
            #expect(measured.completion.completionTokens == 2)
            #expect(measured.completion.stopReason == "stop")
            let recorded = try #require(await server.requests().last)
            #expect(recorded.path == "/v1/completions")
            #expect(recorded.headers["authorization"] == nil)
            #expect(recorded.body
                == #"{"max_tokens":2,"prompt":"x","stream":true,"stream_options":{"include_usage":true},"temperature":0}"#)
        }
    }

    @Test func noUsageChunkLeavesCountsToTheRunner() async throws {
        try await withScriptedServer(Script(tokens: ["a", "b", "c"], sendsUsage: false)) { server, client in
            let engine = OpenAIEngine(baseURL: server.baseURL + "/v1", model: "scripted-model", client: client)
            let measured = try Measured(try await collect(engine.generate(GenerationRequest(prompt: "x", maxTokens: 3))))
            #expect(measured.tokenCounts == [1, 1, 1])
            #expect(measured.completion.completionTokens == nil)
            #expect(measured.completion.promptTokens == nil)
            #expect(measured.completion.stopReason == "length")
        }
    }

    @Test func unknownModelIsA404WithAHint() async throws {
        try await withScriptedServer(Script.fast(tokens: 1)) { server, client in
            let engine = OpenAIEngine(
                baseURL: server.baseURL + "/v1", model: "llama-70b", client: client,
                apiKeyEnvironmentVariable: "KEY", environment: ["KEY": Self.secret])
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", maxTokens: 1)))
            #expect(events.count == 1)  // .submitted only
            let url = server.baseURL + "/v1/chat/completions"
            let body = #"{"error":{"message":"The model `llama-70b` does not exist.","type":"invalid_request_error","code":"model_not_found"}}"#
            #expect(error as? EngineError == .modelNotFound(url: url, model: "llama-70b", body: body))
            let text = String(describing: error!)
            #expect(text == "\(url): model 'llama-70b' not found (server said: \(body)): list the served models with GET /v1/models and pass one of them as the model")
            #expect(!text.contains(Self.secret))
            await #expect(throws: EngineError.modelNotFound(url: server.baseURL + "/v1/models", model: "llama-70b", body: "served: scripted-model")) {
                try await engine.describe()
            }
        }
    }
}
