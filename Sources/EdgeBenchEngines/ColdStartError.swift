/// Why a cold start (`ColdStarting`) could not take the model out of memory or bring it back. Each message
/// names the engine, where it was asked, and what to do.
public enum ColdStartError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The engine still listed the model as resident `seconds` after it was asked to unload it.
    case stillResident(engine: String, url: String, model: String, seconds: Double)

    public var description: String {
        switch self {
        case .stillResident(let engine, let url, let model, let seconds):
            return "\(engine) still lists model '\(model)' at \(url) \(EngineError.format(seconds)) s after it was asked to "
                + "unload it (keep_alive 0): another client may be using it; stop that client, or run the workload "
                + "with start: warm"
        }
    }
}
