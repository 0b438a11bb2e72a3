/// One point of a plan's matrix: engine × model × workload, with how often to run it.
public struct Configuration: Sendable, Equatable, Hashable, Codable {
    /// stable, human-readable id, e.g. "managed-t2/smollm2/short"
    public var id: String
    public var engine: EngineSpec
    public var model: ModelSpec
    public var workload: Workload
    public var repetitions: Int
    public var warmup: Int

    public init(id: String, engine: EngineSpec, model: ModelSpec, workload: Workload, repetitions: Int, warmup: Int) {
        self.id = id
        self.engine = engine
        self.model = model
        self.workload = workload
        self.repetitions = repetitions
        self.warmup = warmup
    }
}

/// How to reach (or start) an engine.
public struct EngineSpec: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// EdgeBench starts llama-server itself and speaks native `/completion` (or chat) to it
        case managed
        /// an already-running llama-server, native `/completion`
        case llamacpp
        /// any OpenAI-compatible server, `/v1/chat/completions` or `/v1/completions`
        case openai
    }

    public var name: String
    public var kind: Kind
    /// base URL of a running server (llamacpp, openai)
    public var url: String?
    /// managed: path of llama-server; nil = the embedded engine
    public var serverPath: String?
    public var threads: Int?
    public var contextSize: Int?
    /// managed: `-ngl` layers offloaded to a GPU (0 = CPU only)
    public var gpuLayers: Int?
    /// name of the environment variable that holds the bearer token (never the token itself)
    public var apiKeyEnv: String?
    /// seconds to wait for health / a response
    public var timeout: Double?
    public var extraArgs: [String]

    public init(
        name: String, kind: Kind, url: String? = nil, serverPath: String? = nil, threads: Int? = nil,
        contextSize: Int? = nil, gpuLayers: Int? = nil, apiKeyEnv: String? = nil, timeout: Double? = nil,
        extraArgs: [String] = []
    ) {
        self.name = name
        self.kind = kind
        self.url = url
        self.serverPath = serverPath
        self.threads = threads
        self.contextSize = contextSize
        self.gpuLayers = gpuLayers
        self.apiKeyEnv = apiKeyEnv
        self.timeout = timeout
        self.extraArgs = extraArgs
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, url
        case serverPath = "server_path"
        case threads
        case contextSize = "context_size"
        case gpuLayers = "gpu_layers"
        case apiKeyEnv = "api_key_env"
        case timeout
        case extraArgs = "extra_args"
    }
}

/// Which model to run: a GGUF file for managed engines, a served name otherwise.
public struct ModelSpec: Sendable, Equatable, Hashable, Codable {
    public var name: String
    /// path of a .gguf file, or an embedded model id ("smollm2-135m", "gemma3-270m")
    public var file: String?
    /// name to send in requests to a running server
    public var served: String?

    public init(name: String, file: String? = nil, served: String? = nil) {
        self.name = name
        self.file = file
        self.served = served
    }
}

/// What to ask: the prompt and decoding parameters.
public struct Workload: Sendable, Equatable, Hashable, Codable {
    public var name: String
    public var request: GenerationRequest

    public init(name: String, request: GenerationRequest) {
        self.name = name
        self.request = request
    }

    enum CodingKeys: String, CodingKey { case name, request }

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
            cachePrompt: try r.decodeIfPresent(Bool.self, forKey: .cachePrompt) ?? false,
            stop: try r.decodeIfPresent([String].self, forKey: .stop) ?? []
        )
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
        try r.encode(request.cachePrompt, forKey: .cachePrompt)
        try r.encode(request.stop, forKey: .stop)
    }
}
