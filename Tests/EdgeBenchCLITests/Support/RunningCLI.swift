import Foundation

/// An `edgebench` started and left running, for a test that signals it mid-run.
final class RunningCLI: @unchecked Sendable {
    let process = Process()
    private let scratch = Scratch.directory("cli-running")

    var pid: Int32 { process.processIdentifier }

    init(_ arguments: [String], in directory: URL) throws {
        let out = scratch.appendingPathComponent("stdout")
        let err = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = try CLI.binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["EDGEBENCH_CACHE"] = scratch.appendingPathComponent("cache").path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits (generously: a loaded machine) for it to exit and returns what it did.
    func finish(within seconds: Double = 120) async throws -> CLI.Result {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            process.terminate()
            return CLI.Result(status: -1, stdout: "", stderr: "still running after \(seconds) s", stdoutData: Data())
        }
        let stdoutData = (try? Data(contentsOf: scratch.appendingPathComponent("stdout"))) ?? Data()
        let stderr = (try? String(contentsOf: scratch.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
        return CLI.Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self), stderr: stderr,
            stdoutData: stdoutData)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: scratch)
    }
}
