import AsyncHTTPClient
import EdgeBenchCore
import Foundation

/// Adapter for OpenAI-compatible servers (vLLM, TensorRT-LLM, MLC, LM Studio, RKLLM servers, Ollama `/v1`,
/// llama-server `/v1`). Streams `/chat/completions` (or `/completions` for `api: .completion`) with
/// `stream_options.include_usage`, so token counts come from the server's `usage`.
public struct OpenAIEngine: InferenceEngine {
    /// Includes the API prefix, e.g. "http://127.0.0.1:8000/v1".
    public var baseURL: String { transport.baseURL }
    /// Sent as `model`; nil omits it (llama-server serves its one model regardless).
    public let model: String?
    let transport: HTTPTransport
    /// Adds llama-server's request extensions (`cache_prompt`, `repeat_penalty`, `top_k`).
    let llamaCppExtensions: Bool

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

    public func generate(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        let path = request.api == .chat ? "/chat/completions" : "/completions"
        let body = OpenAIEngine.body(for: request, model: model, llamaCppExtensions: llamaCppExtensions)
        return StreamingGeneration.stream(
            transport: transport, path: path, body: body, model: model, framing: SSEParser.self,
            interpreter: OpenAIStreamInterpreter(url: transport.url(path)))
    }

    static func body(for request: GenerationRequest, model: String?, llamaCppExtensions: Bool) -> [UInt8] {
        var wire = OpenAIWire.Request(
            model: model, max_tokens: request.maxTokens, temperature: request.temperature, seed: request.seed,
            top_p: request.topP, stop: request.stop.isEmpty ? nil : request.stop)
        switch request.api {
        case .chat:
            var messages: [OpenAIWire.Message] = []
            if let system = request.systemPrompt { messages.append(.init(role: "system", content: system)) }
            messages.append(.init(role: "user", content: request.prompt))
            wire.messages = messages
        case .completion:
            wire.prompt = request.systemPrompt.map { $0 + "\n\n" + request.prompt } ?? request.prompt
        }
        wire.top_k = request.topK
        if llamaCppExtensions {
            wire.repeat_penalty = request.repeatPenalty
            wire.cache_prompt = request.cachePrompt
        }
        return JSONBody.encode(wire)
    }
}
