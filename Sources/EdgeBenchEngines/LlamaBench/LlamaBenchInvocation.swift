import EdgeBenchCore
import Foundation

/// One run of the llama-bench binary on one model: its results (stdout, `-o jsonl`) go to one file
/// and its diagnostics (stderr) to a log, kept apart so a warning can never split a JSON line.
public struct LlamaBenchInvocation: Sendable {
    public var benchPath: String
    public var modelPath: String
    /// `-p`; 0 skips the prompt test
    public var promptTokens: Int
    /// `-n`; 0 skips the generation test
    public var generatedTokens: Int
    /// `-r`
    public var repetitions: Int
    /// `-t`; nil leaves llama-bench's default
    public var threads: Int?
    /// `-ngl`; nil leaves llama-bench's default
    public var gpuLayers: Int?
    public var extraArgs: [String]
    /// where stdout is written (the JSON lines)
    public var outputFile: URL
    /// the command line, then stderr
    public var logFile: URL
    /// how long the whole run may take
    public var timeout: Duration

    public init(
        benchPath: String, modelPath: String, promptTokens: Int, generatedTokens: Int, repetitions: Int,
        threads: Int? = nil, gpuLayers: Int? = nil, extraArgs: [String] = [], outputFile: URL, logFile: URL,
        timeout: Duration
    ) {
        self.benchPath = benchPath
        self.modelPath = modelPath
        self.promptTokens = promptTokens
        self.generatedTokens = generatedTokens
        self.repetitions = repetitions
        self.threads = threads
        self.gpuLayers = gpuLayers
        self.extraArgs = extraArgs
        self.outputFile = outputFile
        self.logFile = logFile
        self.timeout = timeout
    }

    public var arguments: [String] {
        var args = ["-m", modelPath, "-p", String(promptTokens), "-n", String(generatedTokens), "-r", String(repetitions)]
        if let threads { args += ["-t", String(threads)] }
        if let gpuLayers { args += ["-ngl", String(gpuLayers)] }
        return args + ["-o", "jsonl"] + extraArgs
    }

    /// Runs llama-bench to completion and parses what it printed. Cancelling the task stops it
    /// (SIGTERM, then SIGKILL) and throws `CancellationError`.
    public func run() async throws -> LlamaBenchOutput {
        guard FileManager.default.isExecutableFile(atPath: benchPath) else { throw LlamaBenchRunError.missingBinary(benchPath) }
        func emptied(_ file: URL) throws -> FileHandle {
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard let handle = try? ChildProcess.file(writingTo: file.path, truncate: true) else {
                throw LlamaBenchRunError.unwritable(file.path)
            }
            return handle
        }
        let output = try emptied(outputFile)
        let log = try emptied(logFile)
        log.write(Data(("$ " + ([benchPath] + arguments).joined(separator: " ") + "\n").utf8))
        // Tied: a kill -9 of EdgeBench must not leave llama-bench burning every core (`TiedProcess`).
        let process: TiedProcess
        do {
            defer {
                try? output.close()
                try? log.close()
            }
            process = try TiedProcess.start(benchPath, arguments: arguments, output: output, error: log)
        } catch {
            throw LlamaBenchRunError.cannotStart(benchPath, reason: String(cString: strerror((error as? TiedProcess.StartError)?.code ?? EIO)))
        }

        let deadline = Instant.now().adding(timeout)
        while process.isRunning {
            if Task.isCancelled {
                process.stop(grace: .seconds(3))
                throw CancellationError()
            }
            if Instant.now() > deadline {
                process.stop(grace: .seconds(3))
                throw LlamaBenchRunError.timedOut(timeout, log: logFile.path)
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        switch process.ended {
        case .exited(0): break
        case .exited(let code):
            throw LlamaBenchRunError.failed(status: code, signalled: false, logTail: Self.tail(of: logFile), log: logFile.path)
        case .signalled(let signal):
            throw LlamaBenchRunError.failed(status: signal, signalled: true, logTail: Self.tail(of: logFile), log: logFile.path)
        case nil: break  // unreachable: the loop above ends when it has ended
        }
        return try LlamaBenchParser.parse(contentsOf: outputFile)
    }

    static func tail(of url: URL, lines: Int = 12) -> String {
        guard let data = try? Data(contentsOf: url) else { return "" }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}

/// Why llama-bench gave no results, and what to do.
public enum LlamaBenchRunError: Error, CustomStringConvertible, Equatable {
    case missingBinary(String)
    case unwritable(String)
    case cannotStart(String, reason: String)
    case failed(status: Int32, signalled: Bool, logTail: String, log: String)
    case timedOut(Duration, log: String)

    public var description: String {
        switch self {
        case .missingBinary(let path):
            "llama-bench not found or not executable at \(path); run `edgebench setup`, or set the engine's "
                + "server_path to a llama-bench binary (or to a llama-server with llama-bench beside it)"
        case .unwritable(let path):
            "cannot write \(path); choose a writable --output directory"
        case .cannotStart(let path, let reason):
            "cannot start llama-bench at \(path) (\(reason)); check that it is a program for this machine"
        case .failed(let status, let signalled, let tail, let log):
            (signalled ? "llama-bench was killed by signal \(status)" : "llama-bench exited with status \(status)")
                + "; last lines of its log (\(log)):\n\(tail)"
        case .timedOut(let timeout, let log):
            "llama-bench did not finish within \(String(format: "%g", timeout.inSeconds)) s and was stopped (see \(log)); raise the engine's "
                + "timeout, or use fewer repetitions or a smaller model"
        }
    }
}
