import Foundation

extension Process {
    /// Starts the process with no signal blocked. `posix_spawn` hands the calling thread's signal mask
    /// to the child, and Swift concurrency runs on libdispatch worker threads, which block signals:
    /// a child started from one never sees SIGCHLD (cmake, through libuv, then waits forever for its
    /// own children) nor SIGTERM (llama-server then ignores a clean stop).
    func runWithDefaultSignalMask() throws {
        var empty = sigset_t()
        var previous = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try run()
    }
}
