/// Failures of the runner itself (engines and stores have their own error types).
public enum RunnerError: Error, CustomStringConvertible {
    case configuration(String)
    case incompleteStream(String)
    case resume(String)

    public var description: String {
        switch self {
        case .configuration(let text): text
        case .incompleteStream(let text): "the engine's event stream was incomplete: \(text)"
        case .resume(let text): "cannot resume: \(text)"
        }
    }
}
