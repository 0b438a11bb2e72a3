import EdgeBenchCore
import Foundation

extension EngineKind {
    /// EdgeBench starts llama-server itself and speaks native `/completion` (or chat) to it.
    public static let managed: EngineKind = "managed"
}

/// llama-server started by EdgeBench from a GGUF file (the embedded default): EdgeBench controls its
/// threads, context and offload, records its log, pid and load time, and stops it.
public struct ManagedDriver: EngineDriver {
    /// llama-server's `-c` when the plan sets no `context`: small, since edge boards are short of memory.
    public static let defaultContextSize = 2048

    public init() {}

    public var capabilities: EngineCapabilities {
        EngineCapabilities(
            kind: .managed, displayName: "llama-server", summary: "EdgeBench starts llama-server itself (the default)",
            settings: [.threads, .context, .offload, .gpuLayers, .serverPath, .extraArgs, .llamaBench, .parallel],
            requestOptions: Set(RequestOption.allCases), runsLocally: true, defaultPort: 8080,
            exampleURL: "http://127.0.0.1:8080", takesParameterAxes: true,
            coldStart: .supported(how: "llama-server is stopped, then started again on the same port until /health answers"),
            defaultContextSize: Self.defaultContextSize)
    }

    public func prepare(_ configuration: Configuration, context: EngineContext) async throws -> PreparedEngine {
        let spec = configuration.engine
        let serverPath: String
        if let path = spec.serverPath ?? context.llamaServerPath {
            serverPath = path
        } else {
            context.phase("preparing the embedded llama.cpp engine")
            serverPath = try EmbeddedEngine.llamaCpp.prepare(cache: context.cache, progress: context.note).serverPath
        }
        let model = try context.models.resolve(configuration.model, progress: context.note)

        let logs = context.runDirectory.appendingPathComponent("logs")
        let logName = LlamaServerLog.freshName(for: configuration, in: logs)
        let server = ManagedLlamaServer(options: .init(
            serverPath: serverPath, modelPath: model.path, alias: model.info.name, threads: spec.threads,
            contextSize: spec.contextSize ?? Self.defaultContextSize, gpuLayers: spec.offload?.layerCount,
            extraArgs: spec.extraArgs, logFile: logs.appendingPathComponent(logName), startupTimeout: spec.timeout ?? .seconds(180),
            parallel: spec.parallel ?? 1))
        context.phase("starting llama-server with \(model.info.file ?? model.path)")
        try await server.start(client: context.client)

        let engine = LlamaCppEngine(baseURL: server.baseURL, model: model.info.name, client: context.client, limits: context.limits)
        var description: EngineDescription
        do {
            description = try await engine.describe()
        } catch {
            server.stop()
            throw error
        }
        description.adapter = EngineKind.managed.rawValue
        description.url = server.baseURL
        description.model = model.info
        description.threads = spec.threads ?? description.threads
        description.contextSize = spec.contextSize ?? description.contextSize ?? Self.defaultContextSize
        description.offload = LlamaServerLog.offload(in: server.options.logFile)
            ?? spec.offload.flatMap { $0 == .none ? nil : "-ngl \($0.layerCount) requested; the server reported no GPU offload" } ?? "none (CPU)"
        return PreparedEngine(
            engine: engine, description: description, pid: server.pid, loadTime: server.loadTime,
            coldStart: ManagedColdStart(server: server, client: context.client), stop: { server.stop() },
            exitReport: { server.exitReport })
    }
}
