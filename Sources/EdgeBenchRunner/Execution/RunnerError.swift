/// Failures of the runner itself (engines and stores have their own error types).
public enum RunnerError: Error, CustomStringConvertible {
    case configuration(String)
    case incompleteStream(String)
    case resume(String)
    /// another process holds the run directory's lock ("pid N: its command line", when it has written it)
    case runInUse(directory: String, holder: String?)

    public var description: String {
        switch self {
        case .configuration(let text): text
        case .incompleteStream(let text): "the engine's event stream was incomplete: \(text)"
        case .resume(let text): "cannot resume: \(text)"
        case .runInUse(let directory, let holder):
            "the run directory \(directory) is in use by another edgebench (\(holder ?? "its pid is not written yet")); "
                + "wait for it to finish, or stop it, then `edgebench run --resume \(directory)`"
        }
    }
}
