import EdgeBenchCore

/// llama.cpp's own in-process benchmark on a GGUF file: reference numbers without HTTP. It has no
/// server, so the runner runs it (`BenchmarkRunner+LlamaBench`) instead of preparing an engine; it is
/// registered so plans, flags and help know the kind and what it honours.
public struct LlamaBenchDriver: EngineDriver {
    public init() {}

    public var capabilities: EngineCapabilities {
        EngineCapabilities(
            kind: .llamaBench, displayName: "llama-bench", summary: "llama.cpp's in-process benchmark on a GGUF file",
            settings: [.threads, .offload, .gpuLayers, .serverPath, .extraArgs],
            // llama-bench measures a prompt length and a generation length; it samples nothing
            requestOptions: [], runsLocally: true, defaultPort: 8080, exampleURL: "http://127.0.0.1:8080",
            oneAtATime: "llama-bench measures one prompt and generation length in-process; it serves no requests",
            coldStart: .unsupported(why: "llama-bench loads the model once per run and measures no time to a first token"))
    }

    public func prepare(_ configuration: Configuration, context: EngineContext) async throws -> PreparedEngine {
        throw EngineConfigurationError("engine kind llama-bench runs llama-bench itself; it has no server to prepare")
    }
}
