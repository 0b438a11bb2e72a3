import EdgeBenchCore

/// A power source the user declares rather than one EdgeBench finds on the board.
public enum PowerSourceSpec: Sendable, Equatable {
    /// a constant the user read off a display-only meter (the methodology's own plug meter logged nothing)
    case manual(watts: Double, boundary: MeasurementBoundary)
    /// a program that prints one watts value per line (USB meters, serial loggers)
    case command(String, boundary: MeasurementBoundary)
    /// a smart plug polled over HTTP (wall AC, power supply included)
    case plug(SmartPlugSource.Kind, url: String)

    public func makeSource() throws -> any TelemetrySource {
        switch self {
        case .manual(let watts, let boundary): return ManualPowerSource(watts: watts, boundary: boundary)
        case .command(let command, let boundary): return CommandPowerSource(command: command, boundary: boundary)
        case .plug(let kind, let url): return try SmartPlugSource(kind: kind, baseURL: url)
        }
    }
}
