import EdgeBenchCore
import EdgeBenchRunner
import EdgeBenchTesting
import Foundation
import Testing

/// Ctrl-C marks the configuration interrupted and keeps what finished; --resume continues it.
@Suite(.serialized)
struct RunnerResumeTests {
    @Test func anInterruptedRunResumesWhereItStopped() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 4))
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let plan = RunnerFixtures.plan([
            RunnerFixtures.configuration(id: "first", url: server.baseURL, repetitions: 4, warmup: 1, maxTokens: 4),
            RunnerFixtures.configuration(id: "second", url: server.baseURL, repetitions: 2, maxTokens: 4),
        ])

        // Ctrl-C cancels the run's task; here it arrives after the second measured request.
        let handle = TaskHandle()
        let runner = BenchmarkRunner(
            options: RunOptions(outputRoot: output), reporter: AfterRequest(after: 2) { handle.cancel() })
        let task = Task { try await runner.run(plan) }
        handle.set(task)
        let stopped = try await task.value

        #expect(stopped.interrupted)
        #expect(stopped.bundle.configurations.map(\.status) == [.interrupted])
        #expect(try stopped.storedBundle().configurations[0].requests.count == 2)
        #expect(stopped.requestCounts == [2])
        #expect(stopped.bundle.configurations[0].error?.contains("--resume \(stopped.directory.path)") == true)

        let resumed = try await BenchmarkRunner(
            options: RunOptions(outputRoot: output, resume: stopped.directory), reporter: SilentProgress()
        ).run(plan)
        await server.stop()

        #expect(!resumed.interrupted)
        #expect(resumed.runID == stopped.runID)
        #expect(resumed.bundle.configurations.map(\.status) == [.completed, .completed])
        let stored = try resumed.storedBundle()
        #expect(stored.configurations[0].requests.map(\.index) == [0, 1, 2, 3])
        #expect(stored.configurations[1].requests.count == 2)
        #expect(resumed.requestCounts == [4, 2])
        // The warm-up is not repeated for a configuration that already has measured requests.
        let generations = await server.requests().filter { $0.path == "/completion" }.count
        #expect(generations == 1 + 2 + 2 + 2)
    }
}

final class TaskHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<RunOutcome, any Error>?
    private var cancelled = false

    func set(_ task: Task<RunOutcome, any Error>) {
        lock.lock()
        self.task = task
        let cancelNow = cancelled
        lock.unlock()
        if cancelNow { task.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }
}
