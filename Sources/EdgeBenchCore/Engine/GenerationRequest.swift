/// One generation request, engine-neutral. Adapters translate it to their wire format.
public struct GenerationRequest: Sendable, Hashable, Codable {
    public enum API: String, Sendable, Hashable, Codable {
        /// raw text completion (llama.cpp `/completion`, OpenAI `/v1/completions`): base models
        case completion
        /// chat messages through the model's chat template
        case chat
    }

    public var prompt: String
    public var systemPrompt: String?
    public var api: API
    public var maxTokens: Int
    public var temperature: Double
    public var topK: Int?
    public var topP: Double?
    public var seed: Int?
    public var repeatPenalty: Double?
    /// Cold (the prompt evaluated in full) for measurements unless the plan asks for warm.
    public var cache: PromptCache
    public var stop: [String]

    public init(
        prompt: String, systemPrompt: String? = nil, api: API = .chat, maxTokens: Int,
        temperature: Double = 0, topK: Int? = nil, topP: Double? = nil, seed: Int? = 42,
        repeatPenalty: Double? = nil, cache: PromptCache = .cold, stop: [String] = []
    ) {
        self.prompt = prompt
        self.systemPrompt = systemPrompt
        self.api = api
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.seed = seed
        self.repeatPenalty = repeatPenalty
        self.cache = cache
        self.stop = stop
    }
}

extension GenerationRequest {
    /// Sampling values to send when the plan left them unset: llama.cpp's defaults (top_k 40, top_p 0.95,
    /// no repeat penalty). Servers with their own per-model defaults (Ollama Modelfiles, hailo-ollama
    /// manifests) then sample the same way as every other backend; with temperature 0 (greedy) they
    /// change nothing.
    public var explicitSampling: (topK: Int, topP: Double, repeatPenalty: Double) {
        (topK ?? 40, topP ?? 0.95, repeatPenalty ?? 1.0)
    }
}
