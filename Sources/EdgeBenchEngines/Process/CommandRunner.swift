import EdgeBenchCore
import Foundation

/// Runs a helper program (pip, cmake, tar, python3) to completion.
/// Output goes to a log file when one is given, so a failed build can be read afterwards.
public enum CommandRunner {
    public struct Failure: Error, CustomStringConvertible {
        public var command: String
        public var status: Int32
        public var outputTail: String
        public var logPath: String?

        public var description: String {
            var text = "`\(command)` failed with exit status \(status)"
            if !outputTail.isEmpty { text += ":\n\(outputTail)" }
            if let logPath { text += "\n(full output: \(logPath))" }
            return text
        }
    }

    /// Finds an executable on PATH, or nil.
    public static func which(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `arguments[0]` (looked up on PATH) and returns its combined output.
    /// Throws `Failure` on a non-zero exit, with the last lines of output.
    @discardableResult
    public static func run(
        _ arguments: [String], directory: URL? = nil, environment: [String: String]? = nil,
        log: URL? = nil
    ) throws -> String {
        precondition(!arguments.isEmpty)
        guard let executable = which(arguments[0]) else {
            throw Failure(command: arguments.joined(separator: " "), status: 127,
                          outputTail: "\(arguments[0]): command not found", logPath: nil)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        if let directory { process.currentDirectoryURL = directory }
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let outputURL = log ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("edgebench-cmd-\(UUID().uuidString).log")
        let handle = try ChildProcess.file(writingTo: outputURL.path, truncate: false)
        handle.seekToEndOfFile()
        handle.write(Data("$ \(arguments.joined(separator: " "))\n".utf8))
        let start = handle.offsetInFile
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try ChildProcess.start(process, closingAfterSpawn: [handle])
        process.waitUntilExit()
        let all = (try? Data(contentsOf: outputURL)) ?? Data()
        let mine = all.count > Int(start) ? all.subdata(in: Int(start)..<all.count) : Data()
        let output = String(decoding: mine, as: UTF8.self)
        if log == nil { try? FileManager.default.removeItem(at: outputURL) }
        guard process.terminationStatus == 0 else {
            let tail = output.split(separator: "\n", omittingEmptySubsequences: false).suffix(15)
                .joined(separator: "\n")
            throw Failure(command: arguments.joined(separator: " "), status: process.terminationStatus,
                          outputTail: tail, logPath: log?.path)
        }
        return output
    }
}
