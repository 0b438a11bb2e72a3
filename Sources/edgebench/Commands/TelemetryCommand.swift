import ArgumentParser
import EdgeBenchCore
import EdgeBenchTelemetry
import Foundation

/// Captured sensor logs: `edgebench telemetry parse`.
struct TelemetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telemetry",
        abstract: "Read captured sensor logs (tegrastats --logfile output, vcgencmd dumps, saved meter replies), or record this machine's.",
        subcommands: [Parse.self, Record.self])

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

/// The file and format every log command reads; a bad file is reported with its line, exit code 2.
struct LogInput: ParsableArguments {
    @Option(help: "The log's format: \(TelemetryLogFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: TelemetryLogFormat

    @Argument(help: "The captured file.")
    var file: String

    func load() throws -> TelemetryLog {
        guard let data = FileManager.default.contents(atPath: file) else {
            Stderr.error("cannot read \(file): check the path and its permissions")
            throw Exit.invalidInput
        }
        do {
            let log = try format.parse(String(decoding: data, as: UTF8.self))
            guard !log.readings.isEmpty else {
                Stderr.error("\(file): no \(format.rawValue) readings in it; is it a \(format.rawValue) capture? (formats: \(TelemetryLogFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
                throw Exit.invalidInput
            }
            return log
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Stderr.error("\(file): \(error)")
            throw Exit.invalidInput
        }
    }
}

extension TelemetryLogFormat: ExpressibleByArgument {}

/// One line per channel: how many readings, and their range, with units.
enum LogSummaryText {
    static func render(_ log: TelemetryLog) -> String {
        var lines = ["\(log.source.format): boundary \(log.source.boundary.rawValue)\(log.source.estimate ? " (estimate)" : "")"]
        if let power = log.powerChannel { lines.append("power channel: \(power)" + (log.powerNote.map { " (\($0))" } ?? "")) }
        var order: [String] = []
        var groups: [String: [LogReading]] = [:]
        for reading in log.readings {
            let key = "\(reading.name) \(reading.quantity.rawValue)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(reading)
        }
        for key in order {
            let readings = groups[key]!
            let values = readings.map(\.value)
            let unit = readings[0].unit
            let mean = values.reduce(0, +) / Double(values.count)
            lines.append("  \(key): n=\(values.count) min \(format(values.min()!)) \(unit), mean \(format(mean)) \(unit), max \(format(values.max()!)) \(unit)")
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String { String(format: "%.6g", value) }
}
