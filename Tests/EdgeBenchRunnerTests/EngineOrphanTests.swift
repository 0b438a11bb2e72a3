import Foundation
import Testing

/// A managed llama-server dies with EdgeBench, however EdgeBench ends: `kill -9` of a real `edgebench run`
/// leaves no llama-server behind (it used to run on, reparented to PID 1, burning every core).
@Suite(.serialized) struct EngineOrphanTests {
    @Test func killMinus9OfARunLeavesNoLlamaServer() async throws {
        let ready = try EmbeddedEngineFixture.ready()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eb-orphan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let run = Process()
        run.executableURL = try EdgeBenchBinary.url()
        run.arguments = [
            "run", "--engine", "managed", "--model", ready.model.path, "--llama-server", ready.serverPath,
            "--runs", "1000", "--warmup", "0", "--max-tokens", "16",
        ]
        run.currentDirectoryURL = directory
        run.standardInput = FileHandle.nullDevice
        run.standardOutput = FileHandle.nullDevice
        run.standardError = FileHandle.nullDevice
        try run.run()
        defer { if run.isRunning { kill(run.processIdentifier, SIGKILL) } }

        // Its llama-server, once started (a loaded machine: give it long).
        let pid = try #require(try await ProcTable.llamaServer(startedBy: run), "edgebench started no llama-server")

        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        // The kernel delivers the death signal at once; 30 s only absorbs a loaded machine.
        let deadline = ContinuousClock.now + .seconds(30)
        while ProcTable.isAlive(pid) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let alive = ProcTable.isAlive(pid)
        if alive { kill(pid, SIGKILL) }
        #expect(!alive, "llama-server \(pid) outlived the edgebench that started it")
    }
}

extension EngineOrphanTests {
    /// The other way round: the engine killed under a run. The configuration fails saying how the server
    /// ended, where its log is, and how to continue; the run exits 1.
    @Test func aKilledEngineSaysHowWhereItsLogIsAndHowToResume() async throws {
        let ready = try EmbeddedEngineFixture.ready()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eb-killed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let errors = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: errors.path, contents: nil)

        let run = Process()
        run.executableURL = try EdgeBenchBinary.url()
        run.arguments = [
            "run", "--engine", "managed", "--model", ready.model.path, "--llama-server", ready.serverPath,
            "--runs", "1000", "--warmup", "0", "--max-tokens", "16",
        ]
        run.currentDirectoryURL = directory
        run.standardInput = FileHandle.nullDevice
        run.standardOutput = FileHandle.nullDevice
        run.standardError = try FileHandle(forWritingTo: errors)
        try run.run()
        defer { if run.isRunning { kill(run.processIdentifier, SIGKILL) } }

        let pid = try #require(try await ProcTable.llamaServer(startedBy: run), "edgebench started no llama-server")
        // measuring: a measured request has finished (a fixed pause is not enough on a loaded machine,
        // where the model can still be loading after seconds, and a kill then is a failed start)
        let measuring = ContinuousClock.now + .seconds(180)
        func measured() throws -> Bool { String(decoding: try Data(contentsOf: errors), as: UTF8.self).contains("request 1/1000") }
        while ContinuousClock.now < measuring, run.isRunning, try !measured() {
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
        let deadline = ContinuousClock.now + .seconds(120)
        while run.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let stderr = String(decoding: try Data(contentsOf: errors), as: UTF8.self)
        #expect(!run.isRunning)
        #expect(run.terminationStatus == 1, "\(stderr)")
        #expect(stderr.contains("llama-server (pid \(pid)) was killed (SIGKILL: the kernel's out-of-memory killer, or kill -9); last lines of its log ("), "\(stderr)")
        #expect(stderr.contains("/logs/"), "\(stderr)")
        #expect(stderr.contains("once the engine runs again, continue with `edgebench run --resume "), "\(stderr)")
    }
}

/// /proc, read for a process's children and whether one still runs (a zombie has ended).
enum ProcTable {
    /// The llama-server `run` starts, once it has (a loaded machine: up to 180 s); nil if none came.
    static func llamaServer(startedBy run: Process) async throws -> Int32? {
        let deadline = ContinuousClock.now + .seconds(180)
        while ContinuousClock.now < deadline && run.isRunning {
            if let server = children(of: run.processIdentifier, named: "llama-server").first { return server }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    static func children(of parent: Int32, named name: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let stat = self.stat(pid) else { return false }
            return stat.command == name && stat.parent == parent
        }
    }

    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = stat(pid) else { return false }
        return stat.state != "Z" && stat.state != "X"
    }

    /// `/proc/PID/stat`: "pid (comm) state ppid …"; comm may hold spaces, so split after its last ')'.
    private static func stat(_ pid: Int32) -> (command: String, state: String, parent: Int32)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")")
        else { return nil }
        let command = String(text[text.index(after: open)..<close])
        let rest = text[text.index(after: close)...].split(separator: " ")
        guard rest.count > 2, let parent = Int32(rest[1]) else { return nil }
        return (command, String(rest[0]), parent)
    }
}

/// The built `edgebench`, beside this test bundle in the build products (EDGEBENCH_BINARY overrides).
enum EdgeBenchBinary {
    static func url() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["EDGEBENCH_BINARY"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let beside = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("edgebench")
        guard FileManager.default.isExecutableFile(atPath: beside.path) else {
            throw Missing(path: beside.path)
        }
        return beside
    }

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "no edgebench binary at \(path); build it with `swift build --build-tests`, or set EDGEBENCH_BINARY" }
    }
}
