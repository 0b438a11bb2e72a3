import AsyncHTTPClient
import EdgeBenchCore
import EdgeBenchEngines
import Foundation
import Testing

@testable import EdgeBenchRunner

/// Issue 15's cold start on the managed engine, against the real llama-server (b11434) and SmolLM2-135M:
/// unloading stops the process, loading starts a new one on the same URL, and it answers.
@Suite(.serialized)
struct ManagedColdStartTests {
    @Test func aRestartIsANewProcessOnTheSameURLThatAnswers() async throws {
        let ready = try EmbeddedEngineFixture.ready()
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let configuration = Configuration(
            id: "local/smollm2/w",
            engine: EngineSpec(name: "local", kind: .managed, serverPath: ready.serverPath, threads: 2, contextSize: 512),
            model: ModelSpec(name: "smollm2", file: ready.model.path),
            workload: Workload(
                name: "w", request: GenerationRequest(prompt: "Once upon a time", api: .completion, maxTokens: 4),
                start: .cold),
            repetitions: 1, warmup: 0)
        let client = HTTPTransport.makeClient()
        let context = EngineContext(
            client: client, cache: CachePaths.default(), llamaServerPath: ready.serverPath, runDirectory: output,
            models: ModelResolver(cache: CachePaths.default()), phase: { _ in }, note: { _ in })
        let prepared = try await ManagedDriver().prepare(configuration, context: context)
        do {
            try await Self.restart(prepared, request: configuration.workload.request)
            await prepared.stop()
            try await client.shutdown()
        } catch {
            await prepared.stop()
            try? await client.shutdown()
            throw error
        }
    }

    static func restart(_ prepared: PreparedEngine, request: GenerationRequest) async throws {
        let cold = try #require(prepared.coldStart as? ManagedColdStart)
        let server = cold.server
        let first = try #require(prepared.pid)
        #expect(server.pid == first)
        let url = server.baseURL
        let engine = try #require(prepared.engine as? LlamaCppEngine)

        try await cold.unload()
        #expect(!server.isRunning)
        // the process is gone, reaped: no pid left to signal
        #expect(kill(first, 0) == -1 && errno == ESRCH)
        await #expect(throws: EngineError.self) { _ = try await engine.health() }

        let load = try await cold.load()
        let second = try #require(load.pid)
        #expect(second != first)
        #expect(second == server.pid)
        #expect(server.isRunning)
        #expect(server.baseURL == url)
        #expect(load.start < load.end)
        // load_time as the first start measured it: spawn → healthy
        #expect(server.loadTime == load.seconds)
        #expect(try await engine.health())

        let record = try await RequestMeasurement.run(prepared.engine, request)
        let result = RequestMetrics.compute(record, index: 0)
        #expect(result.metrics[.nOut] == 4, "\(result.response ?? "")")
        // one log, both runs: the restart appended to it, on the same port
        let log = try String(contentsOf: server.options.logFile, encoding: .utf8)
        #expect(log.components(separatedBy: "listening on \(url)").count - 1 == 2)
        #expect(prepared.exitReport() == nil)
    }
}
