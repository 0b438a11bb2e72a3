import ArgumentParser
import EdgeBenchTelemetry
import Foundation

extension TelemetryCommand {
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse a captured log into timestamped readings in SI units.",
            discussion: """
                Formats: \(TelemetryLogFormat.allCases.map(\.rawValue).joined(separator: ", ")).
                With --json: {"source": {"format", "boundary", "estimate"}, "readings": [{"t", "name", "quantity", "value", "unit"}], "power_channel", "power_note", "skipped_lines"}; t is the log's own time in s (or its interval), W/J/V/A/C/%/Hz/B.

                Examples:
                  edgebench telemetry parse --format tegrastats tegrastats.log
                  edgebench telemetry parse --format shelly status.json --json
                """)

        @OptionGroup var input: LogInput

        @ArgumentParser.Flag(help: "Print the readings as JSON.")
        var json = false

        func run() throws {
            // Streamed: a summary keeps a few numbers per channel; JSON is written as it is read, after a
            // first pass that checks the whole file (no half object on stdout) and learns its power channel.
            var summary = LogSummary()
            let description = try input.read(into: &summary)
            try input.requireReadings(summary.readings)
            guard json else {
                print(LogSummaryText.render(description, summary))
                return
            }
            let stdout = FileHandle.standardOutput
            var writer = LogJSONWriter(description: description) { stdout.write(Data($0.utf8)) }
            _ = try input.read(into: &writer)
            writer.finish()
        }
    }
}
