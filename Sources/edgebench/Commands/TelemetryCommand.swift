import ArgumentParser

/// Captured sensor logs and this board's own: `edgebench telemetry parse|record`.
struct TelemetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telemetry",
        abstract: "Read captured sensor logs (tegrastats --logfile output, vcgencmd dumps, saved meter replies), or record this machine's.",
        subcommands: [Parse.self, Record.self])
}
