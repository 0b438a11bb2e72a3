import AsyncHTTPClient
import EdgeBenchCore
import EdgeBenchEngines
import Foundation

/// Turns a configuration's engine and model into a running, described engine.
struct EngineFactory: Sendable {
    var options: RunOptions
    var client: HTTPClient
    var reporter: any ProgressReporter
    var modelHashes: ModelHashCache

    func prepare(_ configuration: Configuration, runDirectory: URL) async throws -> PreparedEngine {
        let spec = configuration.engine
        switch spec.kind {
        case .managed:
            return try await startManaged(configuration, runDirectory: runDirectory)
        case .llamacpp:
            let url = try requireURL(spec)
            let engine = LlamaCppEngine(baseURL: url, model: configuration.model.served, client: client)
            var description = try await engine.describe()
            description.adapter = "llamacpp"
            return PreparedEngine(engine: engine, description: description, pid: nil, loadTime: nil, stop: {})
        case .openai:
            let url = try requireURL(spec)
            let engine = OpenAIEngine(
                baseURL: url, model: configuration.model.served ?? configuration.model.name, client: client,
                apiKeyEnvironmentVariable: spec.apiKeyEnv)
            let description = try await engine.describe()
            return PreparedEngine(engine: engine, description: description, pid: nil, loadTime: nil, stop: {})
        case .ollama, .hailoOllama:
            return try await prepareOllama(configuration, url: try requireURL(spec))
        case .stackflow:
            return try await prepareStackFlow(configuration, url: try requireURL(spec))
        case .llamaBench:
            throw RunnerError.configuration("engine kind llama-bench runs llama-bench itself; it has no server to prepare")
        }
    }

    private func requireURL(_ spec: EngineSpec) throws -> String {
        guard let url = spec.url, !url.isEmpty else {
            throw RunnerError.configuration("engine '\(spec.name)' (\(spec.kind.rawValue)) needs a url, e.g. http://127.0.0.1:8080")
        }
        return url
    }

    private func startManaged(_ configuration: Configuration, runDirectory: URL) async throws -> PreparedEngine {
        let spec = configuration.engine
        let progress: @Sendable (String) -> Void = { [reporter] in reporter.report(.note($0)) }
        let serverPath: String
        if let path = spec.serverPath ?? options.llamaServerPath {
            serverPath = path
        } else {
            reporter.report(.phase("preparing the embedded llama.cpp engine"))
            serverPath = try EmbeddedEngine.llamaCpp.prepare(cache: options.cache, progress: progress).serverPath
        }
        let model = try resolveModel(configuration.model, progress: progress)

        let logName = Self.freshLogName(for: configuration, in: runDirectory.appendingPathComponent("logs"))
        let server = ManagedLlamaServer(options: .init(
            serverPath: serverPath, modelPath: model.path, alias: model.info.name, threads: spec.threads,
            contextSize: spec.contextSize ?? 2048, gpuLayers: spec.offload?.layerCount, extraArgs: spec.extraArgs,
            logFile: runDirectory.appendingPathComponent("logs/\(logName)"), startupTimeout: spec.timeout ?? 180))
        reporter.report(.phase("starting llama-server with \(model.info.file ?? model.path)"))
        try await server.start(client: client)

        let engine = LlamaCppEngine(baseURL: server.baseURL, model: model.info.name, client: client)
        var description: EngineDescription
        do {
            description = try await engine.describe()
        } catch {
            server.stop()
            throw error
        }
        description.adapter = "managed"
        description.url = server.baseURL
        description.model = model.info
        description.threads = spec.threads ?? description.threads
        description.contextSize = spec.contextSize ?? description.contextSize ?? 2048
        description.offload = ServerLog.offload(in: server.options.logFile)
            ?? spec.offload.flatMap { $0 == .none ? nil : "-ngl \($0.layerCount) requested; the server reported no GPU offload" } ?? "none (CPU)"
        return PreparedEngine(
            engine: engine, description: description, pid: server.pid, loadTime: server.loadTime,
            stop: { server.stop() })
    }

    /// `<id>.server.log`, or `<id>.server-2.log`… when a resumed run starts the engine again,
    /// so the log of the interrupted session is kept.
    static func freshLogName(for configuration: Configuration, in logs: URL) -> String {
        let base = configuration.id.replacingOccurrences(of: "/", with: "_") + ".server"
        var name = base + ".log"
        var session = 2
        while FileManager.default.fileExists(atPath: logs.appendingPathComponent(name).path) {
            name = "\(base)-\(session).log"
            session += 1
        }
        return name
    }

    struct ResolvedModel {
        var path: String
        var info: ModelInfo
    }

    /// An embedded model id is fetched into the cache; anything else must be a readable GGUF file.
    /// Not private: llama-bench configurations resolve their model the same way, so both measure one file.
    func resolveModel(_ spec: ModelSpec, progress: @Sendable (String) -> Void) throws -> ResolvedModel {
        let reference = spec.file ?? spec.name
        if let embedded = EmbeddedModel.named(reference) {
            let installed = try embedded.prepare(cache: options.cache, progress: progress)
            var info = installed.modelInfo
            info.name = spec.name
            return ResolvedModel(path: installed.path, info: info)
        }
        let url = URL(fileURLWithPath: (reference as NSString).expandingTildeInPath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RunnerError.configuration(
                "model file \(url.path) does not exist; pass a .gguf path or an embedded model id "
                    + "(\(EmbeddedModel.all.map(\.id).joined(separator: ", ")))")
        }
        try GGUF.validate(url)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
        let info = ModelInfo(
            name: spec.name, file: url.lastPathComponent, sizeBytes: size, sha256: try modelHashes.sha256(of: url),
            quantisation: Quantisation.guess(fromFileName: url.lastPathComponent))
        return ResolvedModel(path: url.path, info: info)
    }
}

/// Hashing a multi-GB model takes seconds on a board: do it once per file per run.
final class ModelHashCache: @unchecked Sendable {
    private let lock = NSLock()
    private var hashes: [String: String] = [:]

    func sha256(of url: URL) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let known = hashes[url.path] { return known }
        let hash = try SHA256.hex(of: url)
        hashes[url.path] = hash
        return hash
    }
}

enum Quantisation {
    /// llama.cpp quantisation names as they appear in GGUF file names (Q4_K_M, Q8_0, F16, IQ3_XS, …).
    static func guess(fromFileName name: String) -> String? {
        let upper = name.uppercased()
        let pattern = #"(IQ\d_[A-Z]+|Q\d_K_[SML]|Q\d_K|Q\d_\d|Q\d|BF16|F16|F32)"#
        guard let range = upper.range(of: pattern, options: .regularExpression) else { return nil }
        return String(upper[range])
    }
}

/// What llama-server's own log says about the offload it achieved.
enum ServerLog {
    static func offload(in log: URL) -> String? {
        guard let data = try? Data(contentsOf: log) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: #"offloaded \d+/\d+ layers to GPU"#, options: .regularExpression) else {
            return nil
        }
        return String(text[range])
    }
}
