import AsyncHTTPClient
import EdgeBenchCore
import Foundation

/// Adapter for OpenAI-compatible servers (vLLM, TensorRT-LLM, MLC, LM Studio, RKLLM servers, Ollama `/v1`,
/// llama-server `/v1`). Streams `/chat/completions` (or `/completions` for `api: .completion`) with
/// `stream_options.include_usage`, so token counts come from the server's `usage`.
///
/// A cold workload (`PromptCache.cold`) must evaluate its whole prompt. llama-server is told so with
/// `cache_prompt: false`; every other server caches prefixes by itself and ignores (vLLM, SGLang,
/// TensorRT-LLM) or rejects (OpenAI) that field, so each cold request starts with a short unique prefix
/// (`OpenAIEngine+ColdPrefix.swift`) that no earlier request shares; the server counts its tokens in
/// `prompt_tokens`.
public struct OpenAIEngine: InferenceEngine {
    /// Includes the API prefix, e.g. "http://127.0.0.1:8000/v1".
    public var baseURL: String { transport.baseURL }
    /// Sent as `model`; nil omits it (llama-server serves its one model regardless).
    public let model: String?
    let transport: HTTPTransport
    /// The server is llama-server: adds its request extensions (`cache_prompt`, `repeat_penalty`), and a
    /// cold request is kept cold by `cache_prompt: false` instead of a unique prefix.
    public let llamaCppExtensions: Bool

    /// - Parameters:
    ///   - apiKeyEnvironmentVariable: NAME of the environment variable holding the bearer token. The value is
    ///     read once here and only ever sent in the `Authorization` header.
    ///   - client: owned by the caller, who shuts it down (see `HTTPTransport.makeClient`).
    ///   - limits: see `HTTPTransport`.
    public init(
        baseURL: String, model: String?, client: HTTPClient, apiKeyEnvironmentVariable: String? = nil,
        limits: RequestLimits = RequestLimits(), environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let token = apiKeyEnvironmentVariable.flatMap { environment[$0] }
        self.init(
            transport: HTTPTransport(baseURL: baseURL, client: client, bearerToken: token, limits: limits),
            model: model, llamaCppExtensions: false)
    }

    init(transport: HTTPTransport, model: String?, llamaCppExtensions: Bool) {
        self.transport = transport
        self.model = model
        self.llamaCppExtensions = llamaCppExtensions
    }

    /// The loop that reads the response, when the client has one (`HTTPTransport.makeClient`).
    public var streamExecutor: (any TaskExecutor)? { transport.streamExecutor }

    /// The same engine, knowing whether its server is llama-server (`describe()`'s `owned_by`).
    public func speaking(toLlamaServer isLlamaServer: Bool) -> OpenAIEngine {
        OpenAIEngine(transport: transport, model: model, llamaCppExtensions: isLlamaServer)
    }

    public func generate(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        let path = request.api == .chat ? "/chat/completions" : "/completions"
        let prefix = request.cache == .cold && !llamaCppExtensions ? Self.coldPrefix() : nil
        let body = OpenAIEngine.body(for: request, model: model, llamaCppExtensions: llamaCppExtensions, coldPrefix: prefix)
        return StreamingGeneration.stream(
            transport: transport, path: path, body: body, model: model, framing: SSEParser.self,
            interpreter: OpenAIStreamInterpreter(url: transport.url(path)))
    }

    /// - Parameter coldPrefix: put before the first text the server sees (the system prompt when there is one).
    static func body(
        for request: GenerationRequest, model: String?, llamaCppExtensions: Bool, coldPrefix: String? = nil
    ) -> [UInt8] {
        let prefix = coldPrefix ?? ""
        var wire = OpenAIWire.Request(
            model: model, max_tokens: request.maxTokens, temperature: request.temperature, seed: request.seed,
            top_p: request.topP, stop: request.stop.isEmpty ? nil : request.stop)
        switch request.api {
        case .chat:
            var messages: [OpenAIWire.Message] = []
            if let system = request.systemPrompt { messages.append(.init(role: "system", content: prefix + system)) }
            messages.append(.init(role: "user", content: (request.systemPrompt == nil ? prefix : "") + request.prompt))
            wire.messages = messages
        case .completion:
            wire.prompt = prefix + (request.systemPrompt.map { $0 + "\n\n" + request.prompt } ?? request.prompt)
        }
        wire.top_k = request.topK
        if llamaCppExtensions {
            wire.repeat_penalty = request.repeatPenalty
            wire.cache_prompt = request.cache == .warm
        }
        return JSONBody.encode(wire)
    }
}
