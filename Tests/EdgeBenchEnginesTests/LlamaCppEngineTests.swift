import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Foundation
import Testing

@Suite("llama.cpp adapter against ScriptedLLMServer", .serialized)
struct LlamaCppEngineTests {
    static let timings = ServerTimings(
        promptTokens: 12, promptDuration: 0.0405, promptRate: 296.29, predictedTokens: 5,
        predictedDuration: 0.0801, predictedRate: 62.42, cachedTokens: 0)

    /// 50 ms before the first token, 20 ms between the others.
    static let timed = Script(
        tokens: ["Once", " upon", " a", " time", "."], delays: [.milliseconds(50), .milliseconds(20)],
        promptTokens: 12, timings: timings)

    @Test func nativeStreamTimingMatchesTheScript() async throws {
        try await withScriptedServer(Self.timed) { server, client in
            let engine = LlamaCppEngine(baseURL: server.baseURL, client: client)
            #expect(try await engine.health())  // opens the connection, so TTFT below excludes TCP setup
            let request = GenerationRequest(prompt: "Tell me", api: .completion, maxTokens: 5)
            let gate = TokenGate(openedThrough: 0)
            await server.setGate(gate)
            let events = try await collectGated(engine.generate(request), gate: gate)
            let measured = try Measured(events)
            // TTFT and decode time against the server's own write times: bounds that hold under any load.
            await expectTimeline(measured, firstDelay: 0.050, gap: 0.020, server: server)
            #expect(measured.tokenCounts == [1, 1, 1, 1, 1])
            #expect(measured.texts == ["Once", " upon", " a", " time", "."])
            #expect(measured.e2e >= measured.tokenInstants.last!.seconds(since: measured.submitted))
            #expect(measured.completion.promptTokens == 12)
            #expect(measured.completion.completionTokens == 5)
            #expect(measured.completion.cachedTokens == 0)
            #expect(measured.completion.stopReason == "limit")
            #expect(approx(measured.completion.timings?.promptDuration, 0.0405))
            #expect(approx(measured.completion.timings?.predictedDuration, 0.0801))
            #expect(measured.completion.timings?.predictedRate == 62.42)
            // the events are in order: submitted, tokens…, finished
            #expect(events.count == 7)
            if case .submitted = events.first {} else { Issue.record("first event is not .submitted: \(events)") }
            if case .finished = events.last {} else { Issue.record("last event is not .finished: \(events)") }
        }
    }

    @Test func nativeRequestBodyCarriesTheSamplingSettings() async throws {
        try await withScriptedServer(Script.fast(tokens: 2)) { server, client in
            let engine = LlamaCppEngine(baseURL: server.baseURL + "/", client: client)
            let request = GenerationRequest(
                prompt: "Hi", systemPrompt: "Be brief.", api: .completion, maxTokens: 2, temperature: 0.7, topK: 40,
                topP: 0.9, seed: 7, repeatPenalty: 1.1, stop: ["\n"])
            _ = try await collect(engine.generate(request))
            let recorded = try #require(await server.requests().last)
            #expect(recorded.path == "/completion")
            #expect(recorded.body
                == #"{"cache_prompt":false,"n_predict":2,"prompt":"Be brief.\n\nHi","repeat_penalty":1.1,"seed":7,"stop":["\n"],"stream":true,"temperature":0.7,"top_k":40,"top_p":0.9}"#)
            #expect(recorded.headers["authorization"] == nil)
        }
    }

    @Test func chatRoutesToTheOpenAIPathAndSkipsTheRoleChunk() async throws {
        try await withScriptedServer(Self.timed) { server, client in
            let engine = LlamaCppEngine(baseURL: server.baseURL, client: client)
            #expect(try await engine.health())
            let request = GenerationRequest(prompt: "Hi", systemPrompt: "Be brief.", maxTokens: 5, cache: .warm)
            // The role-only first chunk is written at once, 50 ms before the first content chunk: counted, it
            // would be a sixth token; stamped as the first token, it would precede the server's first write.
            let gate = TokenGate(openedThrough: 0)
            await server.setGate(gate)
            let measured = try Measured(try await collectGated(engine.generate(request), gate: gate))
            await expectTimeline(measured, firstDelay: 0.050, gap: 0.020, server: server)
            #expect(measured.tokenCounts == [1, 1, 1, 1, 1])
            #expect(measured.texts == ["Once", " upon", " a", " time", "."])
            #expect(measured.ttft >= 0.050)
            #expect(measured.completion.promptTokens == 12)
            #expect(measured.completion.completionTokens == 5)
            #expect(measured.completion.stopReason == "length")
            #expect(measured.completion.timings?.predictedRate == 62.42)
            let recorded = try #require(await server.requests().last)
            #expect(recorded.path == "/v1/chat/completions")
            #expect(recorded.body
                == #"{"cache_prompt":true,"max_tokens":5,"messages":[{"content":"Be brief.","role":"system"},{"content":"Hi","role":"user"}],"seed":42,"stream":true,"stream_options":{"include_usage":true},"temperature":0}"#)
        }
    }

    @Test func describeHealthAndTokenize() async throws {
        try await withScriptedServer(Script.fast(tokens: 1), model: "smollm2-135m-instruct-q4_1") { server, client in
            let engine = LlamaCppEngine(baseURL: server.baseURL, client: client)
            let description = try await engine.describe()
            #expect(description == EngineDescription(
                adapter: "llamacpp", name: "llama.cpp", version: "b11434", build: "b11434-scripted", url: server.baseURL,
                contextSize: 2048,
                model: ModelInfo(
                    name: "smollm2-135m-instruct-q4_1", file: "/models/smollm2-135m-instruct-q4_1.gguf", sizeBytes: 96_576_768,
                    quantisation: "Q4_1", parameters: 134_515_008)))
            #expect(try await engine.health())
            await server.setHealth(.loading)
            #expect(try await engine.health() == false)
            #expect(try await engine.tokenize("the quick brown fox") == 4)
        }
    }
}
