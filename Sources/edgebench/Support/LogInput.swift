import ArgumentParser
import EdgeBenchTelemetry
import Foundation

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
