import EdgeBenchCore
import Foundation
import Testing

/// The descriptors EdgeBench hands its children must not leak into other children started meanwhile.
/// Found by the suite: a fake `nvidia-smi` (`exec sleep 30`) started from another thread inherited the write
/// end of a `vcgencmd` call's pipe, or a fake program still open for writing, because Foundation's
/// `Process.run` lists what to close before it spawns and its `Pipe()` is not close-on-exec. The first
/// failed with ETXTBSY ("cannot start … vcgencmd"), the second would have waited for end-of-file until
/// the other child exited.
@Suite struct ChildProcessTests {
    /// What a child started by another spawner holds: every descriptor of this process not marked
    /// close-on-exec (what Foundation hands a child for descriptors opened after its close list was taken).
    private func descriptorsInheritedByAChildStartedNow() throws -> Set<String> {
        var pid = pid_t()
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("30"), nil]
        defer { for argument in arguments { free(argument) } }
        let status = posix_spawn(&pid, "/bin/sleep", nil, nil, arguments, environ)
        #expect(status == 0)
        defer {
            kill(pid, SIGKILL)
            var ended: Int32 = 0
            waitpid(pid, &ended, 0)
        }
        let directory = "/proc/\(pid)/fd"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        return Set(names.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/\($0)") })
    }

    private func target(of descriptor: Int32) throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)")
    }

    @Test func aChildsDescriptorsAreNotInheritedByOtherChildren() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let pipe = try ChildProcess.OutputPipe()
        let log = try ChildProcess.file(writingTo: file, truncate: true)
        let foundationPipe = Pipe()
        let inherited = try descriptorsInheritedByAChildStartedNow()

        #expect(try !inherited.contains(target(of: pipe.writing.fileDescriptor)))
        #expect(try !inherited.contains(target(of: log.fileDescriptor)))
        #expect(try target(of: log.fileDescriptor) == file)
        // The control: the leak the helper exists for.
        #expect(try inherited.contains(target(of: foundationPipe.fileHandleForWriting.fileDescriptor)))
    }

    /// The child writes through its own copy; once `start` closed the parent's, the reader sees end-of-file
    /// when the child exits (a parent copy left open would make this read wait forever).
    @Test(.timeLimit(.minutes(1))) func theOutputEndsWhenTheChildExits() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "echo out; echo err >&2"]
        let output = try ChildProcess.startReadingOutput(of: process).readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: output, as: UTF8.self) == "out\nerr\n")
        #expect(process.terminationStatus == 0)
    }

    @Test func anAppendedFileKeepsWhatItHeld() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("first\n".utf8).write(to: URL(fileURLWithPath: file))
        let appended = try ChildProcess.file(writingTo: file, truncate: false)
        appended.seekToEndOfFile()
        try appended.write(contentsOf: Data("second\n".utf8))
        try appended.close()
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "first\nsecond\n")
        try ChildProcess.file(writingTo: file, truncate: true).close()
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "")
        #expect(throws: POSIXError.self) { try ChildProcess.file(writingTo: "/nonexistent-dir/x.log", truncate: true) }
    }
}
