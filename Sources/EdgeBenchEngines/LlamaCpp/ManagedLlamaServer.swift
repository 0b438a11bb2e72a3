import AsyncHTTPClient
import EdgeBenchCore
import Foundation
import NIOCore

/// A `llama-server` that EdgeBench starts and stops itself: free loopback port, health wait,
/// log file, PID for RSS, clean stop (SIGTERM, then SIGKILL if it hangs). It dies with EdgeBench,
/// even on `kill -9` (`TiedProcess`).
public final class ManagedLlamaServer: @unchecked Sendable {
    public struct Options: Sendable {
        public var serverPath: String
        public var modelPath: String
        public var alias: String
        public var threads: Int?
        public var contextSize: Int
        /// `-ngl`; nil leaves llama-server's default (a CPU-only build warns about any -ngl)
        public var gpuLayers: Int?
        public var extraArgs: [String]
        /// slots decoding at once (`-np`); each gets `contextSize` (the server is given `-c` × slots)
        public var parallel: Int
        public var logFile: URL
        /// seconds to wait for `/health` to answer 200
        public var startupTimeout: Duration

        public init(
            serverPath: String, modelPath: String, alias: String, threads: Int? = nil, contextSize: Int = 2048,
            gpuLayers: Int? = nil, extraArgs: [String] = [], logFile: URL, startupTimeout: Duration = .seconds(120),
            parallel: Int = 1
        ) {
            self.parallel = parallel
            self.serverPath = serverPath
            self.modelPath = modelPath
            self.alias = alias
            self.threads = threads
            self.contextSize = contextSize
            self.gpuLayers = gpuLayers
            self.extraArgs = extraArgs
            self.logFile = logFile
            self.startupTimeout = startupTimeout
        }
    }

    public let options: Options
    public private(set) var port: Int = 0
    /// seconds from process start to a healthy `/health` (METRICS.md `load_time`)
    public private(set) var loadTime: Double = 0
    private var process: TiedProcess?

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var pid: Int32 { process?.pid ?? 0 }
    public var isRunning: Bool { process?.isRunning ?? false }

    public init(options: Options) { self.options = options }

    public var arguments: [String] {
        var args = ["-m", options.modelPath, "--host", "127.0.0.1", "--port", String(port),
                    // llama-server splits -c among its slots: each slot gets the context the plan asked for.
                    "-a", options.alias, "-c", String(options.contextSize * max(1, options.parallel)),
                    // One slot unless the plan asks for more (concurrent load levels); no web UI to serve.
                    "-np", String(max(1, options.parallel)), "--no-webui"]
        if let threads = options.threads { args += ["-t", String(threads)] }
        if let layers = options.gpuLayers { args += ["-ngl", String(layers)] }
        return args + options.extraArgs
    }

    /// Starts the server and waits until it is healthy.
    public func start(client: HTTPClient) async throws {
        try await launch(client: client, port: try FreePort.pick(), freshLog: true)
    }

    /// Starts the server again after `stop()` (a cold start), stopping it first if it still runs: on the same
    /// port, so every client keeps its URL, and appending to the same log. Returns when it is healthy, with
    /// the instants it was spawned and answered healthy (`loadTime` is the seconds between them); `pid` is
    /// the new process's.
    @discardableResult
    public func restart(client: HTTPClient) async throws -> (spawned: Instant, healthy: Instant) {
        stop()
        return try await launch(client: client, port: port == 0 ? try FreePort.pick() : port, freshLog: false)
    }

    @discardableResult
    private func launch(client: HTTPClient, port: Int, freshLog: Bool) async throws -> (spawned: Instant, healthy: Instant) {
        guard FileManager.default.isExecutableFile(atPath: options.serverPath) else {
            throw ManagedServerError.missingBinary(options.serverPath)
        }
        try GGUF.validate(URL(fileURLWithPath: options.modelPath))
        self.port = port
        try FileManager.default.createDirectory(
            at: options.logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard let log = try? ChildProcess.file(writingTo: options.logFile.path, truncate: freshLog) else {
            throw ManagedServerError.unwritableLog(options.logFile.path)
        }
        // a restart writes after the earlier runs' lines (both output streams share this offset)
        if !freshLog { _ = try? log.seekToEnd() }
        let started = Instant.now()
        let process: TiedProcess
        do {
            defer { try? log.close() }
            process = try TiedProcess.start(options.serverPath, arguments: arguments, output: log, error: log)
        }
        self.process = process

        let deadline = started.adding(options.startupTimeout)
        while true {
            if let status = process.exitStatus {
                throw ManagedServerError.exitedDuringStartup(
                    status: status, logTail: Self.tail(of: options.logFile), log: options.logFile.path)
            }
            if await healthy(client: client) { break }
            if Instant.now() > deadline {
                stop()
                throw ManagedServerError.startupTimeout(options.startupTimeout, log: options.logFile.path)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let ready = Instant.now()
        loadTime = ready.seconds(since: started)
        return (started, ready)
    }

    private func healthy(client: HTTPClient) async -> Bool {
        var request = HTTPClientRequest(url: "\(baseURL)/health")
        request.method = .GET
        guard let response = try? await client.execute(request, timeout: .seconds(2)) else { return false }
        _ = try? await response.body.collect(upTo: 1 << 16)
        return response.status == .ok
    }

    /// SIGTERM, wait up to `grace` seconds, then SIGKILL. Safe to call twice.
    public func stop(grace: Double = 5) {
        process?.stop(grace: .seconds(grace))
    }

    /// How the server ended, as a shell reports it (128 + signal); nil while it runs or before it started.
    public var exitStatus: Int32? { process?.exitStatus }

    /// nil while it runs; once it has ended (killed, crashed, out of memory): how, and its log's last lines.
    public var exitReport: String? {
        guard let process, let ended = process.ended else { return nil }
        let how = switch ended {
        case .exited(let code): "exited with status \(code)"
        case .signalled(SIGKILL): "was killed (SIGKILL: the kernel's out-of-memory killer, or kill -9)"
        case .signalled(let signal): "was killed by signal \(signal)"
        }
        return "llama-server (pid \(process.pid)) \(how); last lines of its log (\(options.logFile.path)):\n"
            + Self.tail(of: options.logFile)
    }

    deinit { stop(grace: 1) }

    static func tail(of url: URL, lines: Int = 12) -> String {
        guard let data = try? Data(contentsOf: url) else { return "" }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}

public enum ManagedServerError: Error, CustomStringConvertible {
    case missingBinary(String)
    case unwritableLog(String)
    case exitedDuringStartup(status: Int32, logTail: String, log: String)
    case startupTimeout(Duration, log: String)

    public var description: String {
        switch self {
        case .missingBinary(let path):
            "llama-server not found or not executable at \(path); run `edgebench setup` or pass --llama-server PATH"
        case .unwritableLog(let path):
            "cannot write the server log \(path); choose a writable --output directory"
        case .exitedDuringStartup(let status, let tail, let log):
            "llama-server exited with status \(status) while starting; last lines of its log (\(log)):\n\(tail)"
        case .startupTimeout(let timeout, let log):
            "llama-server did not become healthy within \(String(format: "%g", timeout.inSeconds)) s (still loading, or stuck); see \(log)"
        }
    }
}

/// Asks the kernel for a free loopback port.
enum FreePort {
    static func pick() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
