import ArgumentParser
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchRunner
import Foundation

/// Flags that describe a single configuration without a plan file.
struct OneOffOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Engine adapter.",
        discussion: """
            managed       EdgeBench starts llama-server itself (the default)
            llamacpp      a running llama-server (native /completion)
            openai        any OpenAI-compatible server (vLLM, LM Studio, MLC, RKLLM servers, …)
            ollama        Ollama's native API (/api/chat, /api/generate)
            hailo-ollama  hailo-ollama on a Raspberry Pi AI HAT+ 2 (Hailo-10H)
            stackflow     M5Stack Module LLM (AX630C) over TCP
            llama-bench   llama.cpp's in-process benchmark on a GGUF file
            """))
    var engine: EngineSpec.Kind?

    @Option(help: "Address of a running server: llamacpp http://HOST:8080, openai http://HOST:8080/v1, ollama http://HOST:11434, hailo-ollama http://HOST:8000, stackflow tcp://HOST:10001.")
    var url: String?

    @Option(help: "managed, llama-bench: a .gguf file or an embedded model id (smollm2-135m, gemma3-270m); servers: the served model name (e.g. qwen2.5:0.5b).")
    var model: String?

    @Option(name: .customLong("llama-server"), help: "Your own llama-server binary for the managed engine.")
    var llamaServer: String?

    @Option(help: "Prompt text.")
    var prompt: String?

    @Option(name: .customLong("prompt-file"), help: "Read the prompt from this file.")
    var promptFile: String?

    @Option(help: "chat (through the model's chat template) or completion (raw text; base models).")
    var api: GenerationRequest.API?

    @Option(name: .customLong("max-tokens"), help: "Tokens to generate per request.")
    var maxTokens = 64

    @Option(help: "Measured requests.")
    var runs = 5

    @Option(help: "Warm-up requests (run, stored as warm-up, never counted).")
    var warmup = 1

    @Option(help: "Sampling temperature (0 = greedy, reproducible).")
    var temperature = 0.0

    @Option(help: "Sampling seed.")
    var seed = 42

    @Option(help: "managed, llama-bench: CPU threads (-t); ollama: num_thread.")
    var threads: Int?

    @Option(name: .customLong("ctx-size"), help: "managed: context size in tokens (-c); ollama: num_ctx.")
    var contextSize: Int?

    @Option(help: "managed, ollama: how much of the model goes to the GPU: all, none or a layer count (llama.cpp -ngl, Ollama num_gpu; both count layers, not GPUs).")
    var offload: Offload?

    @Option(name: .customLong("api-key-env"), help: "Name of the environment variable holding the bearer token (the token is never logged).")
    var apiKeyEnv: String?

    static let defaultPrompt = "Explain in two sentences why running a language model locally on an edge device can matter for privacy."

    func validate() throws {
        guard maxTokens > 0 else { throw ValidationError("--max-tokens must be at least 1, got \(maxTokens)") }
        guard runs > 0 else { throw ValidationError("--runs must be at least 1, got \(runs)") }
        guard warmup >= 0 else { throw ValidationError("--warmup cannot be negative, got \(warmup)") }
        if prompt != nil && promptFile != nil { throw ValidationError("give --prompt or --prompt-file, not both") }
    }

    /// The one-off configuration as a plan of one.
    func plan() throws -> RunPlan {
        let kind = engine ?? .managed
        if !kind.runsLocally && url == nil {
            throw ValidationError("--engine \(kind.rawValue) needs --url of the running server, e.g. \(kind.exampleURL)")
        }
        let given = [("--threads", threads != nil), ("--ctx-size", contextSize != nil), ("--offload", offload != nil)]
            .filter(\.1).map(\.0)
        if ![.managed, .ollama, .llamaBench].contains(kind), let flag = given.first {
            throw ValidationError("\(flag) applies to managed, ollama and llama-bench engines; for --engine \(kind.rawValue), set it on the server you run")
        }
        if kind.runsLocally, let url {
            throw ValidationError("--engine \(kind.rawValue) runs on this machine; remove --url \(url) (or pick the engine that serves it)")
        }
        var text = prompt ?? Self.defaultPrompt
        if let promptFile {
            guard let data = FileManager.default.contents(atPath: promptFile) else {
                throw ValidationError("cannot read --prompt-file \(promptFile)")
            }
            text = String(decoding: data, as: UTF8.self)
        }
        let modelReference = model ?? (kind.runsLocally ? EmbeddedModel.smollm2.id : nil)
        let embedded = modelReference.flatMap(EmbeddedModel.named)
        // A served name ("qwen2.5:0.5b", "org/model") is kept as written, "/" aside: ids use it as a separator.
        let modelName = embedded?.id
            ?? (kind.runsLocally
                ? modelReference.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
                : modelReference?.replacingOccurrences(of: "/", with: "_")) ?? "default"
        let modelSpec = kind.runsLocally
            ? ModelSpec(name: modelName, file: modelReference)
            : ModelSpec(name: modelName, served: model)
        let request = GenerationRequest(
            prompt: text, api: api ?? embedded?.api ?? .chat, maxTokens: maxTokens, temperature: temperature, seed: seed)
        let engineSpec = EngineSpec(
            name: kind.rawValue, kind: kind, url: url, serverPath: llamaServer, threads: threads,
            contextSize: contextSize, offload: offload, apiKeyEnv: apiKeyEnv)
        let configuration = Configuration(
            id: "\(engineSpec.name)/\(modelSpec.name)/\(request.api.rawValue)-\(maxTokens)",
            engine: engineSpec, model: modelSpec, workload: Workload(name: "\(request.api.rawValue)-\(maxTokens)", request: request),
            repetitions: runs, warmup: warmup)
        // The synthesised text stands in for a plan file, so the run's plan hash still identifies what ran.
        let description = String(decoding: try JSONEncoder.sorted.encode(configuration), as: UTF8.self)
        return RunPlan(name: nil, text: description, hash: SHA256.hex(of: Data(description.utf8)), configurations: [configuration])
    }
}

extension EngineSpec.Kind: ExpressibleByArgument {}
extension Offload: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
extension GenerationRequest.API: ExpressibleByArgument {}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
