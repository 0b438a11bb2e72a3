import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Testing

/// Issue 13.5: a server that trickles a byte a second never trips the idle timeout; before, nothing else
/// bounded a streamed body, and a run hung for as long as the server kept trickling. Every engine now
/// ends such a request at its whole-request deadline, with an error that names that deadline, its value
/// and the option that changes it. Outcomes only: the trickle lasts 30 s, the deadline is 2 s, and only
/// the deadline can produce the error asserted (the trickle's end would be a stream that ended early).
@Suite("Request deadlines", .serialized)
struct RequestDeadlineTests {
    static let limits = RequestLimits(total: .seconds(2))
    static let trickle = Script.Failure.trickleAfter(1, every: .seconds(1), bytes: 30)

    @Test(arguments: [GenerationRequest.API.completion, .chat])
    func llamaCppTrickleIsCutAtTheRequestDeadline(api: GenerationRequest.API) async throws {
        try await withScriptedServer(Script(tokens: ["a", "b", "c"], failure: Self.trickle)) { server, client in
            let engine = LlamaCppEngine(baseURL: server.baseURL, client: client, limits: Self.limits)
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: api, maxTokens: 3)))
            let url = server.baseURL + (api == .completion ? "/completion" : "/v1/chat/completions")
            // submitted, and the token sent before the trickle (on a loaded machine the 2 s can end first)
            #expect((1...2).contains(events.count), "\(events)")
            #expect(error as? EngineError == .timeout(url: url, wait: .total, seconds: 2))
            #expect(error.map { String(describing: $0) }?.contains(
                "the request did not finish within 2 s (request timeout, streamed body included)") == true)
            #expect(error.map { String(describing: $0) }?.contains("--request-timeout SECONDS") == true)
        }
    }

    @Test func openAITrickleIsCutAtTheRequestDeadline() async throws {
        try await withScriptedServer(Script(tokens: ["a", "b", "c"], failure: Self.trickle)) { server, client in
            let engine = OpenAIEngine(baseURL: server.baseURL + "/v1", model: nil, client: client, limits: Self.limits)
            let (_, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: .completion, maxTokens: 3)))
            #expect(error as? EngineError == .timeout(url: server.baseURL + "/v1/completions", wait: .total, seconds: 2))
        }
    }

    @Test func ollamaTrickleIsCutAtTheRequestDeadline() async throws {
        try await withOllamaServer(Script(tokens: ["a", "b", "c"], failure: Self.trickle)) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: "qwen2.5:0.5b", client: client, limits: Self.limits)
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: .chat, maxTokens: 3)))
            #expect((1...2).contains(events.count), "\(events)")
            #expect(error as? EngineError == .timeout(url: server.baseURL + "/api/chat", wait: .total, seconds: 2))
        }
    }

    @Test func stackFlowTrickleIsCutAtTheRequestDeadline() async throws {
        let script = StackFlowScript(deltas: ["a", "b"], failure: .trickleAfter(1, every: .seconds(1), bytes: 30))
        try await withStackFlowServer(script) { server in
            let engine = try await StackFlowEngine.connect(url: server.url, limits: Self.limits)
            _ = try await engine.setup(model: "qwen2.5-0.5B-prefill-20e", maxTokens: 8, systemPrompt: nil)
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", maxTokens: 8)))
            // the delta sent before the trickle arrives unless, on a loaded machine, the 2 s end first
            #expect((1...2).contains(events.count), "\(events)")
            guard case .deadline(let url, let action, let seconds, let deltas) = error as? StackFlowError else {
                Issue.record("not the request deadline: \(String(describing: error))")
                return
            }
            #expect(url == server.url && action == "inference on llm.1000" && seconds == 2)
            #expect((deltas ?? 0) == events.count - 1)
            #expect((error as? StackFlowError)?.description.contains("--request-timeout SECONDS") == true)
            await engine.close()
        }
    }

    /// The deadline covers the whole request but not more: a stream that ends inside it is whole.
    @Test func aStreamWithinTheDeadlineCompletes() async throws {
        try await withScriptedServer(Script(tokens: ["a", "b", "c"])) { server, client in
            let engine = LlamaCppEngine(baseURL: server.baseURL, client: client, limits: RequestLimits(total: .seconds(60)))
            let measured = try Measured(try await collect(engine.generate(GenerationRequest(prompt: "x", api: .completion, maxTokens: 3))))
            #expect(measured.texts == ["a", "b", "c"])
        }
    }
}
