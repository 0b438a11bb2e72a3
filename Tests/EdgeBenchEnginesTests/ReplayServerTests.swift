import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Foundation
import Testing

@Suite("Real captures replayed over HTTP", .serialized)
struct ReplayServerTests {
    @Test(arguments: [1, 7, 4096])
    func nativeCaptureThroughTheLlamaCppAdapter(chunkSize: Int) async throws {
        let path = try Fixtures.url(Fixtures.b11434 + "/completion-stream.response.sse").path
        let server = try await ReplayServer.start(file: path, chunkSize: chunkSize)
        let client = HTTPTransport.makeClient()
        let engine = LlamaCppEngine(baseURL: server.baseURL, client: client)
        let result = await collectFailure(engine.generate(GenerationRequest(prompt: "Once upon a time", api: .completion, maxTokens: 32)))
        try await client.shutdown()
        await server.stop()
        #expect(result.1 == nil)
        let measured = try Measured(result.0)
        #expect(measured.tokenCounts.reduce(0, +) == 32)
        #expect(measured.texts.joined().utf8.count == 119)
        #expect(measured.completion.completionTokens == 32)
        #expect(measured.completion.promptTokens == 4)
        #expect(measured.completion.timings?.predictedRate == 107.03717642834206)
    }

    @Test func chatCaptureThroughTheOpenAIAdapterWithDelays() async throws {
        let path = try Fixtures.url(Fixtures.b11434 + "/chat-stream.response.sse").path
        let server = try await ReplayServer.start(file: path, chunkSize: 1000, delay: .milliseconds(2))
        let client = HTTPTransport.makeClient()
        let engine = OpenAIEngine(baseURL: server.baseURL + "/v1", model: "smollm2-135m-instruct-q4_1", client: client)
        let result = await collectFailure(engine.generate(GenerationRequest(prompt: "Explain", maxTokens: 64)))
        let recorded = await server.requests()
        try await client.shutdown()
        await server.stop()
        #expect(result.1 == nil)
        let measured = try Measured(result.0)
        #expect(measured.tokenCounts.reduce(0, +) == 64)
        #expect(measured.completion.completionTokens == 64)
        #expect(measured.completion.promptTokens == 30)
        #expect(approx(measured.completion.timings?.predictedDuration, 0.667945))
        #expect(recorded.map(\.path) == ["/v1/chat/completions"])
    }

    /// The parser and interpreter run on the board being measured. Their cost per token event is a figure,
    /// not a test (a bound here measured how busy the machine was): bench/run.sh holds the whole harness,
    /// parser included, to `cpu_us_per_token` (bench/README.md). Here: repeated parses give the same count,
    /// and the figure is printed for the log.
    @Test func parsingCostPerTokenEvent() throws {
        let bytes = try Fixtures.bytes(Fixtures.b11434 + "/chat-stream.response.sse")
        let rounds = 20
        let clock = ContinuousClock()
        var tokens = 0
        let elapsed = try clock.measure {
            for _ in 0..<rounds { tokens += try InterpretedStream.run(bytes, OpenAIStreamInterpreter(url: "u")).tokens }
        }
        #expect(tokens == 64 * rounds)
        let perToken = Double(elapsed.components.attoseconds) / 1e18 / Double(tokens) + Double(elapsed.components.seconds) / Double(tokens)
        print("SSE parse + decode per token event: \(String(format: "%.1f", perToken * 1e6)) µs")
    }
}
