/// One point of a plan's matrix: engine × model × workload, with how often to run it.
public struct Configuration: Sendable, Equatable, Hashable, Codable {
    /// stable, human-readable id, e.g. "managed-t2/smollm2/short"
    public var id: String
    public var engine: EngineSpec
    public var model: ModelSpec
    public var workload: Workload
    public var repetitions: Int
    public var warmup: Int
    /// A llama-bench configuration's HTTP-measured twin (a managed engine's `llama_bench: true`): the id
    /// whose median n_in becomes llama-bench's `-p`. nil otherwise, and in run.json files written before it.
    public var llamaBenchOf: String?
    /// How requests are sent while it is measured; nil = synchronous (and every run.json and bundle written
    /// before load profiles).
    public var load: LoadLevel?

    public init(
        id: String, engine: EngineSpec, model: ModelSpec, workload: Workload, repetitions: Int, warmup: Int,
        llamaBenchOf: String? = nil, load: LoadLevel? = nil
    ) {
        self.id = id
        self.engine = engine
        self.model = model
        self.workload = workload
        self.repetitions = repetitions
        self.warmup = warmup
        self.llamaBenchOf = llamaBenchOf
        self.load = load
    }

    /// The level it is measured at: synchronous unless the plan said otherwise.
    public var loadLevel: LoadLevel { load ?? .synchronous }

    enum CodingKeys: String, CodingKey {
        case id, engine, model, workload, repetitions, warmup
        case llamaBenchOf = "llama_bench_of"
        case load
    }
}

/// How to reach (or start) an engine.
public struct EngineSpec: Sendable, Equatable, Hashable, Codable {
    /// Kinds are open names (`EngineKind`); `EngineRegistry` lists the ones this build knows.
    public typealias Kind = EngineKind

    public var name: String
    public var kind: Kind
    /// base URL of a running server (llamacpp, openai)
    public var url: String?
    /// managed: path of llama-server; nil = the embedded engine
    public var serverPath: String?
    public var threads: Int?
    public var contextSize: Int?
    /// How much of the model to put on the accelerator; nil = the engine's own default.
    public var offload: Offload?
    /// managed: also run llama-bench with the same model and settings, as a sibling configuration
    public var llamaBench: Bool
    /// name of the environment variable that holds the bearer token (never the token itself)
    public var apiKeyEnv: String?
    /// the whole of each request, body included (the plan's `timeout`, in seconds); also the bound of a
    /// managed server's start, a StackFlow setup's control replies and a llama-bench run (`RequestLimits`)
    public var timeout: Duration?
    /// the longest silence between two bytes of a response (the plan's `idle_timeout`, in seconds)
    public var idleTimeout: Duration?
    public var extraArgs: [String]
    /// managed: requests the server decodes at once (llama-server `--parallel`, each with its own
    /// `context_size`); nil = one, as measured one at a time
    public var parallel: Int?

    public init(
        name: String, kind: Kind, url: String? = nil, serverPath: String? = nil, threads: Int? = nil,
        contextSize: Int? = nil, offload: Offload? = nil, apiKeyEnv: String? = nil, timeout: Duration? = nil,
        extraArgs: [String] = [], llamaBench: Bool = false, idleTimeout: Duration? = nil, parallel: Int? = nil
    ) {
        self.name = name
        self.kind = kind
        self.url = url
        self.serverPath = serverPath
        self.threads = threads
        self.contextSize = contextSize
        self.offload = offload
        self.llamaBench = llamaBench
        self.apiKeyEnv = apiKeyEnv
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.extraArgs = extraArgs
        self.parallel = parallel
    }

    enum CodingKeys: String, CodingKey {
        case parallel
        case name, kind, url
        case serverPath = "server_path"
        case threads
        case contextSize = "context_size"
        case offload
        case llamaBench = "llama_bench"
        case apiKeyEnv = "api_key_env"
        case timeout
        case idleTimeout = "idle_timeout"
        case extraArgs = "extra_args"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(Kind.self, forKey: .kind)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        serverPath = try c.decodeIfPresent(String.self, forKey: .serverPath)
        threads = try c.decodeIfPresent(Int.self, forKey: .threads)
        contextSize = try c.decodeIfPresent(Int.self, forKey: .contextSize)
        offload = try c.decodeIfPresent(Offload.self, forKey: .offload)
        apiKeyEnv = try c.decodeIfPresent(String.self, forKey: .apiKeyEnv)
        timeout = try c.decodeIfPresent(Double.self, forKey: .timeout).flatMap(Duration.rounded(seconds:))
        idleTimeout = try c.decodeIfPresent(Double.self, forKey: .idleTimeout).flatMap(Duration.rounded(seconds:))
        extraArgs = try c.decodeIfPresent([String].self, forKey: .extraArgs) ?? []
        llamaBench = try c.decodeIfPresent(Bool.self, forKey: .llamaBench) ?? false
        parallel = try c.decodeIfPresent(Int.self, forKey: .parallel)
    }

    /// Stored as the plan wrote it: `timeout` and `idle_timeout` in seconds.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encodeIfPresent(serverPath, forKey: .serverPath)
        try c.encodeIfPresent(threads, forKey: .threads)
        try c.encodeIfPresent(contextSize, forKey: .contextSize)
        try c.encodeIfPresent(offload, forKey: .offload)
        try c.encode(llamaBench, forKey: .llamaBench)
        try c.encodeIfPresent(apiKeyEnv, forKey: .apiKeyEnv)
        try c.encodeIfPresent(timeout?.inSeconds, forKey: .timeout)
        try c.encodeIfPresent(idleTimeout?.inSeconds, forKey: .idleTimeout)
        try c.encode(extraArgs, forKey: .extraArgs)
        try c.encodeIfPresent(parallel, forKey: .parallel)
    }
}

/// How much of a model to place on the accelerator, in one vocabulary for every engine: llama.cpp's
/// `-ngl` and Ollama's `num_gpu` are both layer counts (Ollama's is NOT a GPU count).
public enum Offload: Sendable, Hashable, Codable, CustomStringConvertible {
    /// every layer (a count at least the model's layer count)
    case all
    /// CPU only (0 layers)
    case none
    /// this many layers
    case layers(Int)

    /// A layer count that covers every layer of any model EdgeBench runs.
    public static let allLayers = 999

    /// The layer count to send: `-ngl` / `num_gpu`.
    public var layerCount: Int {
        switch self {
        case .all: return Offload.allLayers
        case .none: return 0
        case .layers(let n): return n
        }
    }

    /// "all", "none" or a layer count, as in plans and on the command line.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "all": self = .all
        case "none", "cpu": self = .none
        default:
            guard let n = Int(text), n >= 0 else { return nil }
            self = n == 0 ? .none : .layers(n)
        }
    }

    public var description: String {
        switch self {
        case .all: return "all"
        case .none: return "none"
        case .layers(let n): return String(n)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) {
            self = n == 0 ? .none : .layers(n)
            return
        }
        let text = try c.decode(String.self)
        guard let value = Offload(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "offload must be all, none or a layer count, got '\(text)'")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Which model to run: a GGUF file for managed engines, a served name otherwise.
public struct ModelSpec: Sendable, Equatable, Hashable, Codable {
    public var name: String
    /// path of a .gguf file, or an embedded model id ("smollm2-135m", "gemma3-270m")
    public var file: String?
    /// name to send in requests to a running server
    public var served: String?
    /// per engine name or engine kind, when runtimes name the same model differently; a plan's expansion
    /// resolves it into `served`
    public var servedBy: [String: String]

    public init(name: String, file: String? = nil, served: String? = nil, servedBy: [String: String] = [:]) {
        self.name = name
        self.file = file
        self.served = served
        self.servedBy = servedBy
    }

    /// This model as `engine` serves it: an entry for the engine's name wins over one for its kind.
    public func resolved(for engine: EngineSpec) -> ModelSpec {
        var model = self
        model.served = servedBy[engine.name] ?? servedBy[engine.kind.rawValue] ?? served
        model.servedBy = [:]
        return model
    }

    enum CodingKeys: String, CodingKey {
        case name, file, served
        case servedBy = "served_by"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        file = try c.decodeIfPresent(String.self, forKey: .file)
        served = try c.decodeIfPresent(String.self, forKey: .served)
        servedBy = try c.decodeIfPresent([String: String].self, forKey: .servedBy) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(file, forKey: .file)
        try c.encodeIfPresent(served, forKey: .served)
        if !servedBy.isEmpty { try c.encode(servedBy, forKey: .servedBy) }
    }
}

/// What to ask: the prompt and decoding parameters.
public struct Workload: Sendable, Equatable, Hashable, Codable {
    public var name: String
    public var request: GenerationRequest
    /// `slo:`: what a request must meet to count toward goodput; nil = no objectives
    public var slo: ServiceLevels?
    /// A plan's `load:` levels, each of which becomes its own configuration (`Configuration.load`); the
    /// plan's only, never stored with a configuration. Empty = synchronous.
    public var loads: [LoadLevel] = []
    /// Whether each measured request finds the model loaded (warm) or unloaded (cold; `ColdStarting`).
    /// Encoded as `start` only when cold, so a warm workload's bundle and run.json read as they did before
    /// the key existed, and those older files decode as warm.
    public var start: ModelStart
    /// `prompt_tokens:` the runner builds a prompt of this many tokens for the engine's own tokenizer
    /// (`PromptFiller`); until then `request.prompt` is the filler it repeats and cuts. nil: sent as written.
    public var promptTokens: Int?
    /// Kept whole after the filler of a built prompt, so the model is asked something (the built-in
    /// instruction when the plan gives no prompt of its own).
    public var promptInstruction: String?
    /// How the runner built the prompt now in `request.prompt`, and the count it came to; nil until built
    /// (a plan, run.json) and for workloads without `prompt_tokens`.
    public var builtPrompt: BuiltPrompt?

    public init(
        name: String, request: GenerationRequest, slo: ServiceLevels? = nil, start: ModelStart = .warm,
        promptTokens: Int? = nil, promptInstruction: String? = nil, builtPrompt: BuiltPrompt? = nil
    ) {
        self.name = name
        self.request = request
        self.slo = slo
        self.start = start
        self.promptTokens = promptTokens
        self.promptInstruction = promptInstruction
        self.builtPrompt = builtPrompt
    }

    // Optional, and written only when set: bundles and run.json files from before these keys read as they were.
    enum CodingKeys: String, CodingKey {
        case name, request, slo, start
        case promptTokens = "prompt_tokens"
        case promptInstruction = "prompt_instruction"
        case builtPrompt = "built_prompt"
    }

    /// `GenerationRequest` keeps Swift-cased keys of its own; inside a workload (bundle, stored
    /// configuration) the request is written with the bundle's snake_case keys instead.
    private enum RequestKeys: String, CodingKey {
        case prompt
        case systemPrompt = "system_prompt"
        case api
        case maxTokens = "max_tokens"
        case temperature
        case topK = "top_k"
        case topP = "top_p"
        case seed
        case repeatPenalty = "repeat_penalty"
        case cache
        /// before `cache`: true = warm; still read so older bundles and run.json files load
        case cachePrompt = "cache_prompt"
        case stop
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        let r = try c.nestedContainer(keyedBy: RequestKeys.self, forKey: .request)
        request = GenerationRequest(
            prompt: try r.decode(String.self, forKey: .prompt),
            systemPrompt: try r.decodeIfPresent(String.self, forKey: .systemPrompt),
            api: try r.decode(GenerationRequest.API.self, forKey: .api),
            maxTokens: try r.decode(Int.self, forKey: .maxTokens),
            temperature: try r.decode(Double.self, forKey: .temperature),
            topK: try r.decodeIfPresent(Int.self, forKey: .topK),
            topP: try r.decodeIfPresent(Double.self, forKey: .topP),
            seed: try r.decodeIfPresent(Int.self, forKey: .seed),
            repeatPenalty: try r.decodeIfPresent(Double.self, forKey: .repeatPenalty),
            cache: try r.decodeIfPresent(PromptCache.self, forKey: .cache)
                ?? ((try r.decodeIfPresent(Bool.self, forKey: .cachePrompt)) == true ? .warm : .cold),
            stop: try r.decodeIfPresent([String].self, forKey: .stop) ?? []
        )
        slo = try c.decodeIfPresent(ServiceLevels.self, forKey: .slo)
        start = try c.decodeIfPresent(ModelStart.self, forKey: .start) ?? .warm
        promptTokens = try c.decodeIfPresent(Int.self, forKey: .promptTokens)
        promptInstruction = try c.decodeIfPresent(String.self, forKey: .promptInstruction)
        builtPrompt = try c.decodeIfPresent(BuiltPrompt.self, forKey: .builtPrompt)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        var r = c.nestedContainer(keyedBy: RequestKeys.self, forKey: .request)
        try r.encode(request.prompt, forKey: .prompt)
        try r.encodeIfPresent(request.systemPrompt, forKey: .systemPrompt)
        try r.encode(request.api, forKey: .api)
        try r.encode(request.maxTokens, forKey: .maxTokens)
        try r.encode(request.temperature, forKey: .temperature)
        try r.encodeIfPresent(request.topK, forKey: .topK)
        try r.encodeIfPresent(request.topP, forKey: .topP)
        try r.encodeIfPresent(request.seed, forKey: .seed)
        try r.encodeIfPresent(request.repeatPenalty, forKey: .repeatPenalty)
        try r.encode(request.cache, forKey: .cache)
        try r.encode(request.stop, forKey: .stop)
        try c.encodeIfPresent(slo, forKey: .slo)
        if start != .warm { try c.encode(start, forKey: .start) }
        try c.encodeIfPresent(promptTokens, forKey: .promptTokens)
        try c.encodeIfPresent(promptInstruction, forKey: .promptInstruction)
        try c.encodeIfPresent(builtPrompt, forKey: .builtPrompt)
    }
}
