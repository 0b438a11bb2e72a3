import ArgumentParser

/// The exit codes documented in `edgebench --help`.
enum Exit {
    static let configurationFailed = ExitCode(1)
    static let invalidInput = ExitCode(2)
    static let setupFailed = ExitCode(3)
    static let storageFailed = ExitCode(4)
    /// EX_TEMPFAIL: another edgebench holds the run directory's lock
    static let runInUse = ExitCode(75)
    // interrupted: 128 + the signal (`InterruptHandler.exitCode`)
}
