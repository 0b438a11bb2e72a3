import EdgeBenchTesting
import Foundation
import Testing

/// SIGTERM and SIGHUP stop a run as Ctrl-C does (stored, interrupted, bundle written, a hint to resume),
/// and one run directory has one writer.
@Suite(.serialized) struct RunSignalTests {
    /// Slow enough that a run of many requests is always mid-way when the test signals it.
    static let slow = Script(tokens: ["Edge", " devices", " keep", " data"], delays: [.milliseconds(50)])

    private func waitForGenerations(_ server: ScriptedLLMServer, atLeast count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while await server.requests().filter({ $0.path == "/v1/chat/completions" }).count < count {
            guard ContinuousClock.now < deadline else { throw Timeout(what: "\(count) generation requests") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    struct Timeout: Error { var what: String }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGHUP, Int32(129))])
    func aSignalStoresMarksInterruptedAndExits(signal: Int32, status: Int32) async throws {
        let server = try await ScriptedLLMServer.start(script: Self.slow)
        let directory = Scratch.directory("run-signal")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try RunningCLI(
            ["run", "--engine", "llamacpp", "--url", server.baseURL, "--runs", "1000", "--warmup", "0"], in: directory)
        // two started: the first is stored
        try await waitForGenerations(server, atLeast: 2)
        run.signal(signal)
        let result = try await run.finish()
        await server.stop()

        #expect(result.status == status, "\(result)")
        let runDirectory = try #require(
            result.stderr.split(separator: "\n").first { $0.hasPrefix("results: ") }.map { String($0.dropFirst(9)) },
            "\(result)")
        #expect(result.stderr.contains("interrupted: continue with `edgebench run --resume \(runDirectory)`"), "\(result)")
        let bundle = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: runDirectory + "/bundle.json")))
                as? [String: Any])
        let configuration = try #require((bundle["configurations"] as? [[String: Any]])?.first)
        #expect(configuration["status"] as? String == "interrupted")
        #expect(((configuration["requests"] as? [Any])?.count ?? 0) >= 1)
    }

    /// A second `--resume` of a directory that one is resuming: exit 75, naming the first's pid, nothing measured.
    @Test func aSecondResumeOfOneRunDirectoryExits75() async throws {
        let server = try await ScriptedLLMServer.start(script: Self.slow)
        let directory = Scratch.directory("run-lock")
        defer { try? FileManager.default.removeItem(at: directory) }
        let started = try RunningCLI(
            ["run", "--engine", "llamacpp", "--url", server.baseURL, "--runs", "1000", "--warmup", "0"], in: directory)
        try await waitForGenerations(server, atLeast: 1)
        let results = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/edgebench-results")
        let runID = try #require(results.first { !$0.contains("sqlite") })
        let runDirectory = directory.path + "/edgebench-results/" + runID

        let second = try await CLI.run(["run", "--resume", "edgebench-results/\(runID)"], in: directory)
        started.signal(SIGTERM)
        let first = try await started.finish()
        await server.stop()

        #expect(second.status == 75, "\(second)")
        #expect(
            second.stderr.contains(
                "is in use by another edgebench (pid \(started.pid): "), "\(second)")
        #expect(second.stderr.contains("edgebench-results/\(runID)"), "\(second)")
        #expect(first.status == 143, "\(first)")
        #expect(FileManager.default.fileExists(atPath: runDirectory + "/bundle.json"))
    }
}
