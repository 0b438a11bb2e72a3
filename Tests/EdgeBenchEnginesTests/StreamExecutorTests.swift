import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import NIOPosix
import Testing

/// A generation consumed on the loop that reads it (`InferenceEngine.streamExecutor`, as the runner does).
@Suite("Consuming a stream on its reading loop", .serialized)
struct StreamExecutorTests {
    @Test func makeClientsEnginesNameTheirOneLoopAndOthersNone() async throws {
        let client = HTTPTransport.makeClient()
        let other = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton))
        let ours = OpenAIEngine(baseURL: "http://127.0.0.1:1/v1", model: nil, client: client)
        let theirs = OpenAIEngine(baseURL: "http://127.0.0.1:1/v1", model: nil, client: other)
        let llama = LlamaCppEngine(baseURL: "http://127.0.0.1:1", client: client)
        #expect(ours.streamExecutor === HTTPTransport(baseURL: "x", client: client).streamExecutor)
        #expect(ours.streamExecutor != nil)
        #expect(llama.streamExecutor === ours.streamExecutor)
        #expect(theirs.streamExecutor == nil)
        try await client.shutdown()
        try await other.shutdown()
    }

    @Test(arguments: [GenerationRequest.API.completion, .chat])
    func onTheLoopTheEventsAreTheSame(_ api: GenerationRequest.API) async throws {
        let script = Script(tokens: ["Hel", "lo", " wor", "ld"], delays: [.milliseconds(5)], promptTokens: 7)
        try await withScriptedServer(script) { server, client in
            let engine = OpenAIEngine(baseURL: server.baseURL + "/v1", model: "scripted-model", client: client)
            let request = GenerationRequest(prompt: "x", api: api, maxTokens: 4)
            let executor = try #require(engine.streamExecutor)
            let onLoop = try Measured(try await withTaskExecutorPreference(executor) { try await collect(engine.generate(request)) })
            let elsewhere = try Measured(try await collect(engine.generate(request)))
            for measured in [onLoop, elsewhere] {
                #expect(measured.texts == ["Hel", "lo", " wor", "ld"])
                #expect(measured.tokenCounts == [1, 1, 1, 1])
                #expect(measured.completion.completionTokens == 4)
                #expect(measured.completion.promptTokens == 7)
                // stamps in order: submitted ≤ first token ≤ … ≤ completion
                #expect(measured.submitted <= measured.tokenInstants[0])
                #expect(zip(measured.tokenInstants, measured.tokenInstants.dropFirst()).allSatisfy { $0 <= $1 })
                #expect(measured.tokenInstants[3] <= measured.completion.at)
            }
        }
    }
}
