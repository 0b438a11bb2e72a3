import EdgeBenchCore

extension PowerSourceSpec {
    /// The telemetry source this spec declares. Throws only for a plug URL a hand-built spec got wrong
    /// (the plan loader and `--power-plug` check it with `validated()` first).
    public func makeSource() throws -> any TelemetrySource {
        switch self {
        case .manual(let watts, let boundary): return ManualPowerSource(watts: watts, boundary: boundary)
        case .command(let command, let boundary): return CommandPowerSource(command: command, boundary: boundary)
        case .plug(let kind, let url): return try SmartPlugSource(kind: kind, baseURL: url)
        }
    }
}
