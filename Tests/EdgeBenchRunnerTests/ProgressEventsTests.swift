import EdgeBenchCore
import EdgeBenchRunner
import EdgeBenchTesting
import Foundation
import Testing

/// What a run tells the person watching it, event by event.
@Suite struct ProgressEventsTests {
    /// The warm-up is announced once; each warm-up request then has its one line when it is done. (It
    /// announced each request as "warm-up 1/1" and then reported "warm-up 1/1 … tok/s": the same label twice.)
    @Test func aWarmUpIsAnnouncedOnceAndEachRequestReportedOnce() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 5))
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let events = ConfigurationSessionTests.Events()
        let configuration = RunnerFixtures.configuration(id: "cfg", url: server.baseURL, repetitions: 1, warmup: 2)
        _ = try await BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: events)
            .run(RunnerFixtures.plan([configuration]))
        await server.stop()
        #expect(events.phases.filter { $0.contains("warm") } == ["warming up (2 requests, not measured)"])
        #expect(events.warmUpsFinished == [1, 2])
    }
}
