import Foundation

/// One writer per run directory. Two `--resume` of one directory used to both run, measuring the same
/// requests twice under each other's load, the later row silently replacing the earlier.
///
/// An advisory `flock` on `.edgebench.lock` in the directory, which holds the holder's pid and command
/// line for the message the next one gets. The kernel drops the lock when its holder ends, however it ends
/// (kill -9 included), so a file left behind never blocks a later resume.
final class RunDirectoryLock: Sendable {
    static let fileName = ".edgebench.lock"

    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Takes the directory's lock, or throws `RunnerError.runInUse` naming the process that holds it.
    static func acquire(_ directory: URL) throws -> RunDirectoryLock {
        let path = directory.appendingPathComponent(fileName).path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunnerError.configuration(
                "cannot create \(path) (\(String(cString: strerror(errno)))); the run directory must be writable")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.holder(descriptor)
            close(descriptor)
            throw RunnerError.runInUse(directory: directory.path, holder: holder)
        }
        let lock = RunDirectoryLock(descriptor: descriptor)
        // Who holds it, for the message another process gets; the lock itself does not depend on this text.
        let text = "pid \(getpid()): " + CommandLine.arguments.joined(separator: " ") + "\n"
        ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return lock
    }

    /// The holder's "pid N: command", if it has written it yet.
    private static func holder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Lets the next process in: closing the descriptor releases the lock.
    deinit { close(descriptor) }
}
