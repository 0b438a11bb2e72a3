import Foundation

/// Descriptors handed to child processes, and the one way children are started.
///
/// Why not `Pipe()` and `FileHandle(forWritingTo:)`: Foundation opens them without `O_CLOEXEC`, and on
/// Linux `Process.run` lists the descriptors the child must close *before* it spawns. A descriptor
/// another thread opens in between is inherited, and EdgeBench starts children from several threads
/// (the sampler's `vcgencmd` every second, a long-lived `llama-server` or `nvidia-smi -lms` beside
/// it). A long-lived child that inherits the write end of a short command's pipe keeps that command's
/// reader from ever seeing end-of-file; one that inherits a program file still open for writing makes
/// every exec of it fail with ETXTBSY until it exits. Descriptors made here are close-on-exec from
/// the system call that creates them; the child's own copies come from `dup2`, which clears the flag.
///
/// Why not swift-subprocess: the sensor commands run synchronously on the sampler's thread, which keeps
/// its own clock and must not wait for Swift's concurrency pool (swift-subprocess is async only), and the
/// long-lived readers (`tegrastats`, `nvidia-smi -lms`, a power command) are read by a handler as lines come.
public enum ChildProcess {
    /// A pipe for a child's output. Pass `writing` as the child's standard output (or error), start it
    /// with `start(_:closingAfterSpawn: [pipe.writing])`, then read `reading` to end-of-file (or keep it
    /// for as long as the child runs: a closed read end kills a writing child with SIGPIPE).
    public struct OutputPipe: Sendable {
        public let reading: FileHandle
        public let writing: FileHandle

        public init() throws {
            var ends: [Int32] = [-1, -1]
            guard Self.makePipe(&ends) == 0 else { throw POSIXError(errno: errno) }
            reading = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
            writing = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        }

        /// `pipe2(ends, O_CLOEXEC)`. The Glibc module leaves out what <unistd.h> declares only under
        /// _GNU_SOURCE, pipe2 among it: looked up by name (glibc and musl both have it).
        private static func makePipe(_ ends: UnsafeMutablePointer<Int32>) -> Int32 {
            guard let pipe2 else {
                errno = ENOSYS
                return -1
            }
            return unsafeBitCast(pipe2, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)(ends, O_CLOEXEC)
        }

        nonisolated(unsafe) private static let pipe2: UnsafeMutableRawPointer? = dlsym(nil, "pipe2")
    }

    /// `path` opened for writing (created with mode 0644 when missing; emptied when `truncate`).
    public static func file(writingTo path: String, truncate: Bool) throws -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0o644)
        guard descriptor >= 0 else { throw POSIXError(errno: errno, path: path) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Starts `process` with its standard output and error on one `OutputPipe` and returns the read end.
    public static func startReadingOutput(of process: Process) throws -> FileHandle {
        let output = try OutputPipe()
        process.standardOutput = output.writing
        process.standardError = output.writing
        try start(process, closingAfterSpawn: [output.writing])
        return output.reading
    }

    /// Starts `process` with no signal blocked, then closes `handles` (the parent's copies of what the
    /// child writes to), whether or not it started.
    ///
    /// `posix_spawn` hands the calling thread's signal mask to the child, and Swift concurrency and the
    /// sampler run on threads that block signals: a child started from one never sees SIGCHLD (cmake,
    /// through libuv, then waits forever for its own children) nor SIGTERM (llama-server and
    /// `nvidia-smi -lms` then ignore a clean stop).
    public static func start(_ process: Process, closingAfterSpawn handles: [FileHandle] = []) throws {
        defer { for handle in handles { try? handle.close() } }
        var empty = sigset_t()
        var previous = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }
}

extension POSIXError {
    init(errno code: Int32, path: String? = nil) {
        self.init(POSIXErrorCode(rawValue: code) ?? .EIO, userInfo: path.map { [NSFilePathErrorKey: $0] } ?? [:])
    }
}
