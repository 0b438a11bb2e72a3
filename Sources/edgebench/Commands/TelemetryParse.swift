import ArgumentParser
import EdgeBenchTelemetry
import Foundation

extension TelemetryCommand {
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse a captured log into timestamped readings in SI units.",
            discussion: """
                Formats: \(TelemetryLogFormat.allCases.map(\.rawValue).joined(separator: ", ")).
                With --json: {"source": {"format", "boundary", "estimate"}, "readings": [{"t", "name", "quantity", "value", "unit"}], "power_channel", "power_note"}; t is the log's own time in s (or its interval), W/J/V/A/C/%/Hz/B.

                Examples:
                  edgebench telemetry parse --format tegrastats tegrastats.log
                  edgebench telemetry parse --format shelly status.json --json
                """)

        @OptionGroup var input: LogInput

        @ArgumentParser.Flag(help: "Print the readings as JSON.")
        var json = false

        func run() throws {
            let log = try input.load()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                FileHandle.standardOutput.write(try encoder.encode(log) + Data("\n".utf8))
                return
            }
            print(LogSummaryText.render(log))
        }
    }
}
