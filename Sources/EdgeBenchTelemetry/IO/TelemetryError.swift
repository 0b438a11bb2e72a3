/// Why a telemetry read failed. Every case names the file and says what to do,
/// because these texts end up in sampler reports and `edgebench sensors` output.
public enum TelemetryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// open(2)/read(2) failed; `reason` is strerror's text.
    case unreadable(path: String, reason: String)
    /// The file was read but does not hold what the kernel documents.
    case malformed(path: String, text: String, expected: String)
    /// A keyed /proc file lacks a line the source needs.
    case missingField(path: String, field: String)
    /// /proc/<pid> is gone: the engine exited (or was never started).
    case processExited(pid: Int32, path: String)
    /// Every channel of a source failed in one read round.
    case noReadableChannel(source: String, firstError: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason); check that the file exists and that this user may read it"
        case .malformed(let path, let text, let expected):
            "unexpected content in \(path): \"\(text)\" (expected \(expected))"
        case .missingField(let path, let field):
            "\(path) has no \(field) line; this kernel does not report it, so the channel is unavailable"
        case .processExited(let pid, let path):
            "engine process \(pid) has exited (\(path) is gone); its memory can no longer be read, so the sampler records a gap"
        case .noReadableChannel(let source, let firstError):
            "\(source): no channel could be read this round; first error: \(firstError)"
        }
    }
}
