import EdgeBenchCore
import Foundation

/// Why a sensor program (`vcgencmd`, `nvidia-smi`) gave no reading.
public enum ExternalCommandError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing executable at the path: the tool is not installed (or the path is wrong).
    case notFound(executable: String, hint: String)
    /// The program could not be started.
    case launchFailed(command: String, reason: String)
    /// It ran and exited non-zero (or was killed); `output` is the tail of what it printed.
    case failed(command: String, status: Int32, output: String)
    /// A long-lived reader exited; later reads cannot recover.
    case exited(command: String, status: Int32, output: String)

    public var description: String {
        switch self {
        case .notFound(let executable, let hint):
            "command not found: \(executable) does not exist or is not executable; \(hint)"
        case .launchFailed(let command, let reason):
            "cannot start \(command): \(reason)"
        case .failed(let command, let status, let output):
            "\(command) exited with status \(status)" + (output.isEmpty ? "" : ": \(output)")
        case .exited(let command, let status, let output):
            "\(command) exited with status \(status)" + (output.isEmpty ? "" : ": \(output)") + "; its readings stopped"
        }
    }
}

/// Runs a short sensor command to completion. Used once per sample, so it stays minimal:
/// no shell, stdin from /dev/null, output kept in memory (these replies are a few lines).
enum ExternalCommand {
    static func run(_ executable: String, _ arguments: [String], hint: String) throws(ExternalCommandError) -> String {
        let command = ([executable] + arguments).joined(separator: " ")
        let (process, output) = try spawn(executable, arguments, hint: hint)
        // Read to EOF before waiting, so a chatty child never blocks on a full pipe.
        let data = output.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw .failed(command: command, status: process.terminationStatus, output: tail(text))
        }
        return text
    }

    /// Starts `executable` with stdout and stderr on one pipe (returned for reading) and stdin from
    /// /dev/null: for one-shot replies and for long-lived tools (nvidia-smi -lms) alike.
    static func spawn(_ executable: String, _ arguments: [String], hint: String) throws(ExternalCommandError)
        -> (process: Process, output: FileHandle)
    {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw .notFound(executable: executable, hint: hint)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        do {
            return (process, try ChildProcess.startReadingOutput(of: process))
        } catch {
            throw .launchFailed(command: ([executable] + arguments).joined(separator: " "), reason: error.localizedDescription)
        }
    }

    /// The last few hundred characters, trimmed: enough to show the tool's own error message.
    static func tail(_ text: String) -> String {
        let trimmed = String(SysfsText.trimmed(text))
        return trimmed.count > 300 ? "…" + String(trimmed.suffix(300)) : trimmed
    }
}
