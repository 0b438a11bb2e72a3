import CTiedSpawn
import Foundation

/// A child that dies with EdgeBench: the managed engines (llama-server, llama-bench), which burn every
/// core for as long as they run. Foundation's `Process` cannot give this: a `kill -9` of EdgeBench would
/// leave them running, reparented to PID 1.
///
/// Why PR_SET_PDEATHSIG and not a process group plus a watchdog: a watchdog is one more process that can
/// itself be killed or fail to start, and it sees EdgeBench's death only by polling; the kernel's death
/// signal needs nothing alive to deliver it. Its catch — it fires when the forking *thread* ends — is
/// handled in `CTiedSpawn`, which forks from one thread that lives as long as the process. On systems
/// without it (not Linux) the child is an ordinary one: `diesWithParent` says which.
///
/// The child also runs in a process group of its own, so a terminal's Ctrl-C reaches EdgeBench alone,
/// which stores what finished and then stops the engine itself.
public final class TiedProcess: @unchecked Sendable {
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Why a child did not start: the program and the system's reason ("No such file or directory").
    public struct StartError: Error, CustomStringConvertible, LocalizedError {
        public var path: String
        public var code: Int32
        public var description: String { "cannot start \(path): \(String(cString: strerror(code)))" }
        public var errorDescription: String? { description }
    }

    public static var diesWithParent: Bool { eb_spawn_tied_dies_with_parent() == 1 }

    public let pid: Int32
    private let lock = NSLock()
    private var termination: Termination?

    private init(pid: Int32) { self.pid = pid }

    /// Starts `executable`. Standard input is /dev/null when `input` is nil; `output` and `error` are
    /// the child's standard output and error (its copies: the caller closes its own afterwards).
    public static func start(
        _ executable: String, arguments: [String], environment: [String: String]? = nil,
        input: FileHandle? = nil, output: FileHandle, error: FileHandle
    ) throws -> TiedProcess {
        let null = input == nil ? open("/dev/null", O_RDONLY | O_CLOEXEC) : -1
        defer { if null >= 0 { close(null) } }
        let inputFD = input?.fileDescriptor ?? null
        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { variables in variables.map { strdup("\($0.key)=\($0.value)") } }
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp ?? [] { free(pointer) }
        }
        var pid: pid_t = 0
        let code = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            if let envp {
                return (envp + [nil]).withUnsafeBufferPointer { envpBuffer in
                    eb_spawn_tied(
                        executable, argvBuffer.baseAddress, envpBuffer.baseAddress, inputFD, output.fileDescriptor,
                        error.fileDescriptor, &pid)
                }
            }
            return eb_spawn_tied(
                executable, argvBuffer.baseAddress, nil, inputFD, output.fileDescriptor, error.fileDescriptor, &pid)
        }
        guard code == 0 else { throw StartError(path: executable, code: code) }
        return TiedProcess(pid: pid)
    }

    /// How it ended; nil while it runs. Reaps it once it has ended.
    public var ended: Termination? {
        lock.withLock {
            if termination == nil { reap(options: WNOHANG) }
            return termination
        }
    }

    public var isRunning: Bool { ended == nil }

    /// The exit status, or 128 + the signal that ended it (as a shell reports it); nil while it runs.
    public var exitStatus: Int32? {
        switch ended {
        case .exited(let code): code
        case .signalled(let signal): 128 + signal
        case nil: nil
        }
    }

    /// Sends `signal` if it still runs.
    public func send(_ signal: Int32) {
        lock.withLock {
            if termination == nil { kill(pid, signal) }
        }
    }

    /// SIGTERM, up to `grace` for it to exit, then SIGKILL; returns once it has ended. Safe to call twice.
    public func stop(grace: Duration) {
        guard isRunning else { return }
        send(SIGTERM)
        let deadline = ContinuousClock.now + grace
        while isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        if isRunning { send(SIGKILL) }
        waitUntilExit()
    }

    /// Blocks until it has ended.
    public func waitUntilExit() {
        // Polled rather than a blocking waitpid under the lock, so `send` and `isRunning` stay answerable.
        while isRunning { usleep(10_000) }
    }

    /// Called with the lock held.
    private func reap(options: Int32) {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, options) } while result < 0 && errno == EINTR
        if result == pid {
            // WIFEXITED / WEXITSTATUS / WTERMSIG: macros Swift does not import
            let signal = status & 0x7f
            termination = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        } else if result < 0 {
            // ECHILD: someone else reaped it (it is gone either way)
            termination = .exited(-1)
        }
    }

    deinit {
        if termination == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }
}
