/// Why the live tegrastats source has no reading. Texts end up in sampler reports, so they say what to do.
public enum TegrastatsSourceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No such program on PATH (or at the given path): not a Jetson, or JetPack's tools are not installed.
    case commandNotFound(command: String, searched: [String])
    /// The program exists but could not be started.
    case cannotStart(command: String, reason: String)
    /// tegrastats stopped; `stderr` is the end of what it printed there.
    case exited(command: String, status: Int32, stderr: String)
    /// tegrastats printed a line that is tegrastats output but could not be read.
    case damagedLine(TelemetryLogError)

    public var description: String {
        switch self {
        case .commandNotFound(let command, let searched):
            "tegrastats: command not found (\(command)"
                + (searched.isEmpty ? "" : "; searched PATH \(searched.joined(separator: ":"))") + "); "
                + "it ships with JetPack (L4T) on NVIDIA Jetson boards; elsewhere choose another power source"
        case .cannotStart(let command, let reason):
            "cannot start \(command): \(reason)"
        case .exited(let command, let status, let stderr):
            "\(command) exited with status \(status)" + (stderr.isEmpty ? "" : ": \(stderr)")
                + "; it must keep running for the whole run (some JetPack versions need root: try sudo)"
        case .damagedLine(let error):
            "tegrastats printed a line that cannot be read: \(error)"
        }
    }
}
