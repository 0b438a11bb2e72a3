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
            let probe = OpenAIEngine(
                baseURL: server.baseURL + "/v1", model: "scripted-model", client: client,
                apiKeyEnvironmentVariable: "EDGEBENCH_TEST_KEY", environment: ["EDGEBENCH_TEST_KEY": Self.secret])
            // warms the connection, and says the server is llama-server (owned_by "llamacpp"): a cold request is
            // kept cold with cache_prompt: false, not with a prefix
            let described = try await probe.describe()
            let engine = probe.speaking(toLlamaServer: described.name == OpenAIEngine.llamaServerOwner)
            #expect(engine.llamaCppExtensions)
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
                == #"{"cache_prompt":false,"max_tokens":3,"messages":[{"content":"Say hello","role":"user"}],"model":"scripted-model","seed":42,"stream":true,"stream_options":{"include_usage":true},"temperature":0,"top_p":0.95}"#)
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
            // warm: an unknown server's request is sent as written (a cold one would gain a unique prefix)
            let measured = try Measured(try await collect(engine.generate(
                GenerationRequest(prompt: "x", api: .completion, maxTokens: 2, seed: nil, cache: .warm))))
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

@Suite("OpenAI adapter: a cold request on a server that caches by itself")
struct OpenAIColdPrefixTests {
    func messages(_ request: GenerationRequest, llamaServer: Bool) -> String {
        String(decoding: OpenAIEngine.body(for: request, model: nil, llamaCppExtensions: llamaServer, coldPrefix: "[0000abcd] "), as: UTF8.self)
    }

    /// The prefix goes before the first text the server sees, so no block of the prompt matches an earlier one.
    @Test func thePrefixLeadsTheFirstMessageOrThePrompt() {
        #expect(messages(GenerationRequest(prompt: "Hi", maxTokens: 1, seed: nil), llamaServer: false)
            == #"{"max_tokens":1,"messages":[{"content":"[0000abcd] Hi","role":"user"}],"stream":true,"stream_options":{"include_usage":true},"temperature":0}"#)
        #expect(messages(GenerationRequest(prompt: "Hi", systemPrompt: "Be brief.", maxTokens: 1, seed: nil), llamaServer: false)
            == #"{"max_tokens":1,"messages":[{"content":"[0000abcd] Be brief.","role":"system"},{"content":"Hi","role":"user"}],"stream":true,"stream_options":{"include_usage":true},"temperature":0}"#)
        #expect(messages(GenerationRequest(prompt: "Hi", systemPrompt: "S", api: .completion, maxTokens: 1, seed: nil), llamaServer: false)
            == #"{"max_tokens":1,"prompt":"[0000abcd] S\n\nHi","stream":true,"stream_options":{"include_usage":true},"temperature":0}"#)
    }

    /// Random, fixed shape: "[" 8 hex digits "] ", different on each call.
    @Test func prefixesAreShortAndDoNotRepeat() {
        let prefixes = (0..<200).map { _ in OpenAIEngine.coldPrefix() }
        #expect(prefixes.allSatisfy { $0.range(of: #"^\[[0-9a-f]{8}\] $"#, options: .regularExpression) != nil })
        #expect(Set(prefixes).count == 200)
    }

    /// 2^63 and negative counts are valid JSON: decoded (clamped) and left to ServerReportCheck, not a parse error.
    @Test func hugeAndNegativeUsageCountsDecode() throws {
        let stream = Array(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"choices\":[],\"usage\":{\"completion_tokens\":9223372036854775808,\"prompt_tokens\":-3,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":1e20}}}\n\ndata: [DONE]\n\n").utf8)
        let result = try InterpretedStream.run(stream, OpenAIStreamInterpreter(url: "u"))
        #expect(result.tokens == 1)
        #expect(result.completion?.completionTokens == Int.max)
        #expect(result.completion?.promptTokens == -3)
        #expect(result.completion?.cachedTokens == Int.max)
    }
}
