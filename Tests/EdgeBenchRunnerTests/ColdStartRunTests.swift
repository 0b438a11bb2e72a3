import EdgeBenchCore
import EdgeBenchRunner
import EdgeBenchTesting
import Foundation
import Testing

/// `start: cold` in a run: the model is unloaded and loaded again before every measured request, and each
/// request stores cold_ttft = its load's time + its TTFT (METRICS.md "Cold start").
@Suite(.serialized)
struct ColdStartRunTests {
    @Test func everyMeasuredRequestFindsTheModelUnloaded() async throws {
        let server = try await ScriptedOllamaServer.start(
            script: Script.fast(tokens: 3), behaviour: OllamaBehaviour(loadDelay: .milliseconds(40)))
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        var configuration = RunnerFixtures.configuration(id: "cold", kind: .ollama, url: server.baseURL, repetitions: 3, maxTokens: 3)
        configuration.model = ModelSpec(name: "qwen", served: "qwen2.5:0.5b")
        configuration.workload.start = .cold
        let outcome = try await BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: SilentProgress())
            .run(RunnerFixtures.plan([configuration]))
        let requests = await server.requests()
        await server.stop()
        let result = try #require(try outcome.storedBundle().configurations.first)
        #expect(result.status == .completed, "\(result.error ?? "")")
        // one unload (keep_alive 0, no prompt) before each of the three measured requests
        #expect(requests.filter { $0.path == "/api/generate" && $0.body.contains(#""keep_alive":0"#) }.count == 3)
        for request in result.requests {
            let ttft = try #require(request.metrics[.ttft])
            let cold = try #require(request.metrics[.coldTTFT])
            // the load waited for the scripted 40 ms: cold_ttft is the load's time on top of the TTFT
            #expect(cold - ttft >= 0.04, "cold_ttft \(cold) s, ttft \(ttft) s")
        }
    }
}
