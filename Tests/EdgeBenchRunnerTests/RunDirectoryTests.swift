import EdgeBenchCore
import EdgeBenchRunner
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

/// A run directory resumes wherever it is (run.json's paths are relative to it, `--db` wins), and only
/// one process writes it at a time.
@Suite(.serialized)
struct RunDirectoryTests {
    /// A run stopped after its first measured request, in `output`.
    private func interruptedRun(_ server: ScriptedLLMServer, output: URL) async throws -> (RunPlan, RunOutcome) {
        let plan = RunnerFixtures.plan([
            RunnerFixtures.configuration(id: "only", url: server.baseURL, repetitions: 3, maxTokens: 4)
        ])
        let handle = TaskHandle()
        let runner = BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: AfterRequest(after: 1) { handle.cancel() })
        let task = Task { try await runner.run(plan) }
        handle.set(task)
        let stopped = try await task.value
        #expect(stopped.interrupted)
        return (plan, stopped)
    }

    @Test func runJSONNamesTheDatabaseRelativeToTheRunDirectory() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 4))
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let (_, stopped) = try await interruptedRun(server, output: output)
        await server.stop()
        let manifest = try RunManifest.read(from: stopped.directory)
        #expect(manifest.databasePath == "../edgebench.sqlite")
        #expect(manifest.databaseLocation(in: stopped.directory) == output.appendingPathComponent("edgebench.sqlite").standardizedFileURL.path)
    }

    /// The whole output folder moved: the resume finds its database and finishes the run.
    @Test func aMovedOutputFolderResumes() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 4))
        let output = RunnerFixtures.temporaryDirectory()
        let moved = RunnerFixtures.temporaryDirectory().appendingPathComponent("moved")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: moved.deletingLastPathComponent())
        }
        let (plan, stopped) = try await interruptedRun(server, output: output)
        try FileManager.default.moveItem(at: output, to: moved)
        let directory = moved.appendingPathComponent(stopped.directory.lastPathComponent)

        let resumed = try await BenchmarkRunner(
            options: RunOptions(outputRoot: moved, resume: directory), reporter: SilentProgress()
        ).run(plan)
        await server.stop()
        #expect(resumed.runID == stopped.runID)
        #expect(resumed.databasePath == moved.appendingPathComponent("edgebench.sqlite").standardizedFileURL.path)
        #expect(resumed.bundle.configurations.map(\.status) == [.completed])
        #expect(try resumed.storedBundle().configurations[0].requests.map(\.index) == [0, 1, 2])
    }

    /// run.json of an EdgeBench before relative paths, in a moved folder: its absolute path is gone, and
    /// the database beside the run directory is the run's.
    @Test func anOldManifestWithAnAbsolutePathResumesAfterAMove() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 4))
        let output = RunnerFixtures.temporaryDirectory()
        let moved = RunnerFixtures.temporaryDirectory().appendingPathComponent("moved")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: moved.deletingLastPathComponent())
        }
        let (plan, stopped) = try await interruptedRun(server, output: output)
        var manifest = try RunManifest.read(from: stopped.directory)
        manifest.databasePath = output.appendingPathComponent("edgebench.sqlite").path
        let encoder = JSONEncoder()
        try encoder.encode(manifest).write(to: stopped.directory.appendingPathComponent("run.json"))
        try FileManager.default.moveItem(at: output, to: moved)

        let resumed = try await BenchmarkRunner(
            options: RunOptions(outputRoot: moved, resume: moved.appendingPathComponent(stopped.directory.lastPathComponent)),
            reporter: SilentProgress()
        ).run(plan)
        await server.stop()
        #expect(resumed.bundle.configurations.map(\.status) == [.completed])
        #expect(try resumed.storedBundle().configurations[0].requests.count == 3)
    }

    /// A copied run directory without its database: the resume stops before anything runs and says to
    /// pass --db (never the store's internal "call beginConfiguration"); with --db it resumes.
    @Test func aCopiedRunDirectoryResumesWithDB() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 4))
        let output = RunnerFixtures.temporaryDirectory()
        let elsewhere = RunnerFixtures.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        let (plan, stopped) = try await interruptedRun(server, output: output)
        let copy = elsewhere.appendingPathComponent("copied-run")
        try FileManager.default.copyItem(at: stopped.directory, to: copy)
        let before = await server.requests().count

        do {
            _ = try await BenchmarkRunner(
                options: RunOptions(outputRoot: elsewhere, resume: copy), reporter: SilentProgress()
            ).run(plan)
            Issue.record("a resume without its database ran")
        } catch {
            let text = "\(error)"
            #expect(
                text == "cannot resume: the run's results database \(elsewhere.standardizedFileURL.path)/edgebench.sqlite "
                    + "(from \(copy.path)/run.json) does not exist; pass --db with the database this run was stored in")
            #expect(!text.contains("beginConfiguration"))
        }
        let after = await server.requests().count
        #expect(after == before, "nothing ran")
        #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("edgebench.sqlite").path))

        // A database that does not hold the run: the same, never an empty run.
        let other = elsewhere.appendingPathComponent("other.sqlite").path
        _ = try ResultStore(path: other)
        do {
            _ = try await BenchmarkRunner(
                options: RunOptions(outputRoot: elsewhere, databasePath: other, resume: copy), reporter: SilentProgress()
            ).run(plan)
            Issue.record("a resume into a database without the run ran")
        } catch {
            #expect("\(error)" == "cannot resume: the results database \(other) holds no run \(stopped.runID); "
                + "pass --db with the database this run was stored in")
        }

        let resumed = try await BenchmarkRunner(
            options: RunOptions(outputRoot: elsewhere, databasePath: stopped.databasePath, resume: copy),
            reporter: SilentProgress()
        ).run(plan)
        await server.stop()
        #expect(resumed.databasePath == stopped.databasePath)
        #expect(resumed.bundle.configurations.map(\.status) == [.completed])
        #expect(try resumed.storedBundle().configurations[0].requests.map(\.index) == [0, 1, 2])
    }

    /// While one resume runs, a second of the same directory is refused, naming the first's process,
    /// and measures nothing.
    @Test func aSecondWriterOfOneRunDirectoryIsRefused() async throws {
        let server = try await ScriptedLLMServer.start(
            script: Script(tokens: ["a", "b", "c", "d"], delays: [.milliseconds(100)]))
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let plan = RunnerFixtures.plan([
            RunnerFixtures.configuration(id: "only", url: server.baseURL, repetitions: 1000, maxTokens: 4)
        ])
        let handle = TaskHandle()
        let first = Task {
            try await BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: SilentProgress()).run(plan)
        }
        handle.set(first)
        // The first holds the lock from before its first request.
        let deadline = ContinuousClock.now + .seconds(120)
        while await server.requests().filter({ $0.path == "/completion" }).isEmpty && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let directory = try #require(
            try FileManager.default.contentsOfDirectory(atPath: output.path).first { !$0.hasSuffix("sqlite") && !$0.contains(".sqlite-") })
        do {
            _ = try await BenchmarkRunner(
                options: RunOptions(outputRoot: output, resume: output.appendingPathComponent(directory)),
                reporter: SilentProgress()
            ).run(plan)
            Issue.record("a second writer ran")
        } catch {
            let text = "\(error)"
            #expect(text.hasPrefix(
                "the run directory \(output.appendingPathComponent(directory).path) is in use by another edgebench "
                    + "(pid \(getpid()): "), "\(text)")
            #expect(text.hasSuffix("wait for it to finish, or stop it, then `edgebench run --resume \(output.appendingPathComponent(directory).path)`"))
        }
        handle.cancel()
        let stopped = try await first.value
        #expect(stopped.interrupted)
        // The lock goes with its holder: a resume now runs (stopped again after one request).
        let again = TaskHandle()
        let resume = Task {
            try await BenchmarkRunner(
                options: RunOptions(outputRoot: output, resume: stopped.directory),
                reporter: AfterRequest(after: 1) { again.cancel() }
            ).run(plan)
        }
        again.set(resume)
        let resumed = try await resume.value
        await server.stop()
        #expect(resumed.runID == stopped.runID)
        #expect(resumed.interrupted)
    }
}
