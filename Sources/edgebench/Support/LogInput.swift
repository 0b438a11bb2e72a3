import ArgumentParser
import EdgeBenchTelemetry
import Foundation

/// The file and format every log command reads, streamed in bounded memory; a bad file is reported
/// with FILE:LINE:COL, exit code 2.
struct LogInput: ParsableArguments {
    @Option(help: "The log's format: \(TelemetryLogFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: TelemetryLogFormat

    @Argument(help: "The captured file.")
    var file: String

    /// Reads the file once into `sink`; the log's description at the end.
    func read(into sink: inout some TelemetryLogSink) throws -> LogDescription {
        do {
            return try format.read(LogLines(file: file), into: &sink)
        } catch var error as TelemetryLogError {
            error.file = file
            Stderr.error("\(error)")
        } catch let error as LogLines.ReadError {
            Stderr.error(error.description)
        } catch {
            Stderr.error("\(file): \(error)")
        }
        throw Exit.invalidInput
    }

    /// A log whose lines parsed but gave no value (every nvidia-smi cell `[N/A]`) is no input either.
    func requireReadings(_ count: Int) throws {
        guard count == 0 else { return }
        Stderr.error("\(file): no \(format.rawValue) readings in it; is it a \(format.rawValue) capture? (formats: \(TelemetryLogFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        throw Exit.invalidInput
    }
}

extension TelemetryLogFormat: ExpressibleByArgument {}
