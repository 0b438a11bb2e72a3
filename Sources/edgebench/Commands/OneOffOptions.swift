import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchRunner
import Foundation

/// Flags that describe a single configuration without a plan file.
struct OneOffOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Engine adapter.", discussion: EngineHelp.kinds()))
    var engine: EngineKind?

    @Option(help: ArgumentHelp(EngineHelp.url()))
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

    @Option(name: .customLong("max-tokens"), parsing: .unconditional, help: "Tokens to generate per request.")
    var maxTokens = 64

    @Option(parsing: .unconditional, help: "Measured requests.")
    var runs = 5

    @Option(parsing: .unconditional, help: "Warm-up requests (run, stored as warm-up, never counted).")
    var warmup = 1

    @Option(parsing: .unconditional, help: "Sampling temperature (0 = greedy, reproducible).")
    var temperature = 0.0

    @Option(parsing: .unconditional, help: "Sampling seed.")
    var seed = 42

    @Option(parsing: .unconditional, help: "managed, llama-bench: CPU threads (-t); ollama: num_thread.")
    var threads: Int?

    @Option(name: .customLong("ctx-size"), parsing: .unconditional, help: "managed: context size in tokens (-c); ollama: num_ctx.")
    var contextSize: Int?

    @Option(help: "managed, ollama: how much of the model goes to the GPU: all, none or a layer count (llama.cpp -ngl, Ollama num_gpu; both count layers, not GPUs).")
    var offload: Offload?

    @Option(help: ArgumentHelp(
        "The board the engine runs on: a catalog id (`edgebench devices list`), e.g. jetson-orin-nano-super.",
        discussion: "Gives the run its size, mass, price and memory bandwidth for `analyze` (volume, Tps/m³, cost per "
            + "Mtok, roofline), as a plan's `device:` does; stored in run.json, so --resume keeps it. Without it, only "
            + "an engine EdgeBench runs here (managed, llama-bench) gets a device: the board this machine matches."))
    var device: String?

    @Option(name: .customLong("api-key-env"), help: "Name of the environment variable holding the bearer token (the token is never logged).")
    var apiKeyEnv: String?

    @Option(name: .customLong("load"), help: ArgumentHelp(
        "How requests are sent; repeat it for several levels, each measured as its own configuration.",
        discussion: "synchronous (one at a time, the default), concurrent:N (N streams always in flight), rate:R "
            + "(R requests/s on a fixed schedule), poisson:R (R requests/s, random gaps seeded by --seed), sweep:K "
            + "(synchronous, 8 streams to saturation, then K rates evenly between). --runs requests per level.",
        valueName: "level"))
    var load: [String] = []

    @Option(parsing: .unconditional, help: "managed: requests llama-server decodes at once (-np); each gets --ctx-size.")
    var parallel: Int?

    static let defaultPrompt = "Explain in two sentences why running a language model locally on an edge device can matter for privacy."

    func validate() throws {
        guard maxTokens > 0 else { throw ValidationError("--max-tokens must be at least 1, got \(maxTokens)") }
        guard runs > 0 else { throw ValidationError("--runs must be at least 1, got \(runs)") }
        guard warmup >= 0 else { throw ValidationError("--warmup cannot be negative, got \(warmup)") }
        guard temperature.isFinite, (0...100).contains(temperature) else {
            throw ValidationError("--temperature must be a number from 0 to 100 (0 = greedy), got \(temperature)")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if let contextSize, contextSize < 1 { throw ValidationError("--ctx-size must be at least 1 token, got \(contextSize)") }
        if prompt != nil && promptFile != nil { throw ValidationError("give --prompt or --prompt-file, not both") }
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1, got \(parallel)") }
        for text in load where LoadLevel.levels(argument: text) == nil {
            throw ValidationError(
                "--load \(text) is not a load level; write synchronous, concurrent:4, rate:2, poisson:2 or sweep:3")
        }
        // A usage error (64) here, before anything starts, not the HTTP client's refusal mid-run.
        if let url, let capabilities = (engine ?? .managed).capabilities, !capabilities.runsLocally,
            let problem = capabilities.urlProblem(url)
        {
            throw ValidationError("--url \(problem)")
        }
    }

    /// The one-off configuration as a plan of one.
    func plan() throws -> RunPlan {
        let kind = engine ?? .managed
        // `init?(argument:)` admits registered kinds only
        guard let capabilities = kind.capabilities else { throw ValidationError("--engine \(kind.rawValue) is not a known engine") }
        if !capabilities.runsLocally && url == nil {
            throw ValidationError("--engine \(kind.rawValue) needs --url of the running server, e.g. \(capabilities.exampleURL)")
        }
        let given: [(flag: String, setting: EngineSetting, isSet: Bool)] = [
            ("--threads", .threads, threads != nil), ("--ctx-size", .context, contextSize != nil),
            ("--offload", .offload, offload != nil), ("--parallel", .parallel, parallel != nil),
        ]
        if let refused = given.first(where: { $0.isSet && !capabilities.honours($0.setting) }) {
            let honouring = EngineRegistry.catalog.kindsHonouring(refused.setting)
            throw ValidationError("\(refused.flag) applies to \(honouring) engines; for --engine \(kind.rawValue), set it on the server you run")
        }
        let runsLocally = capabilities.runsLocally
        if runsLocally, let url {
            throw ValidationError("--engine \(kind.rawValue) runs on this machine; remove --url \(url) (or pick the engine that serves it)")
        }
        var text = prompt ?? Self.defaultPrompt
        if let promptFile {
            guard let data = FileManager.default.contents(atPath: promptFile) else {
                throw ValidationError("cannot read --prompt-file \(promptFile)")
            }
            text = String(decoding: data, as: UTF8.self)
        }
        let modelReference = model ?? (runsLocally ? EmbeddedModel.smollm2.id : nil)
        let embedded = modelReference.flatMap(EmbeddedModel.named)
        // A served name ("qwen2.5:0.5b", "org/model") is kept as written, "/" aside: ids use it as a separator.
        let modelName = embedded?.id
            ?? (runsLocally
                ? modelReference.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
                : modelReference?.replacingOccurrences(of: "/", with: "_")) ?? "default"
        let modelSpec = runsLocally
            ? ModelSpec(name: modelName, file: modelReference)
            : ModelSpec(name: modelName, served: model)
        let request = GenerationRequest(
            prompt: text, api: api ?? embedded?.api ?? .chat, maxTokens: maxTokens, temperature: temperature, seed: seed)
        let engineSpec = EngineSpec(
            name: kind.rawValue, kind: kind, url: url, serverPath: llamaServer, threads: threads,
            contextSize: contextSize, offload: offload, apiKeyEnv: apiKeyEnv, parallel: parallel)
        let levels = load.flatMap { LoadLevel.levels(argument: $0) ?? [] }.reduce(into: [LoadLevel]()) { unique, level in
            if !unique.contains(level) { unique.append(level) }
        }
        if let reason = capabilities.oneAtATime, levels.contains(where: \.overlaps) {
            throw ValidationError("--load with several requests in flight: --engine \(kind.rawValue) takes one at a time (\(reason))")
        }
        let single = Configuration(
            id: "\(engineSpec.name)/\(modelSpec.name)/\(request.api.rawValue)-\(maxTokens)",
            engine: engineSpec, model: modelSpec, workload: Workload(name: "\(request.api.rawValue)-\(maxTokens)", request: request),
            repetitions: runs, warmup: warmup)
        let configurations = single.atLevels(levels)
        // The synthesised text stands in for a plan file, so the run's plan hash still identifies what ran.
        // (one configuration written as itself, as before load levels, so its hash stays the same)
        let encoded = configurations.count == 1
            ? try JSONEncoder.sorted.encode(configurations[0]) : try JSONEncoder.sorted.encode(configurations)
        let description = String(decoding: encoded, as: UTF8.self)
        var plan = RunPlan(
            name: nil, text: description, hash: FileDigest.sha256(of: Data(description.utf8)), configurations: configurations)
        if let device {
            let board = try DeviceResolution.catalogDevice(device, catalog: try DeviceCatalog.bundled())
            for configuration in configurations { plan.devices[configuration.id] = board }
        }
        return plan
    }
}

extension EngineKind: ExpressibleByArgument {
    /// Only the kinds `EngineRegistry` lists.
    public init?(argument: String) {
        guard EngineRegistry.driver(for: EngineKind(argument)) != nil else { return nil }
        self.init(argument)
    }

    public static var allValueStrings: [String] { EngineRegistry.catalog.kinds.map(\.rawValue) }
}
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
