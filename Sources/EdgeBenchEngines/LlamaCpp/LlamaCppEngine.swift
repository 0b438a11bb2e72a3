import AsyncHTTPClient
import EdgeBenchCore

/// Adapter for llama.cpp's `llama-server`, over its native protocol.
///
/// `api: .completion` streams POST `/completion` (raw prompt, `timings` in the final chunk).
/// `api: .chat` is routed to the same server's OpenAI-compatible `/v1/chat/completions`, which applies
/// the model's own chat template server-side (a client-side template would drift from the model's);
/// llama-server adds the same `timings` object there, so both paths report server timings.
public struct LlamaCppEngine: InferenceEngine {
    /// The server root, e.g. "http://127.0.0.1:8080" (no "/v1").
    public var baseURL: String { transport.baseURL }
    /// Alias sent on the chat path; llama-server serves one model whatever the name.
    public let model: String?
    let transport: HTTPTransport
    let chat: OpenAIEngine

    /// - Parameters:
    ///   - client: owned by the caller, who shuts it down (see `HTTPTransport.makeClient`).
    ///   - bearerToken: llama-server's `--api-key`, sent as `Authorization: Bearer`; nil sends none.
    ///   - limits: see `HTTPTransport`.
    public init(
        baseURL: String, model: String? = nil, client: HTTPClient, bearerToken: String? = nil,
        limits: RequestLimits = RequestLimits()
    ) {
        let transport = HTTPTransport(baseURL: baseURL, client: client, bearerToken: bearerToken, limits: limits)
        self.transport = transport
        self.model = model
        self.chat = OpenAIEngine(
            transport: HTTPTransport(baseURL: transport.baseURL + "/v1", client: client, bearerToken: bearerToken, limits: limits),
            model: model, llamaCppExtensions: true)
    }

    /// The loop that reads the response, when the client has one (`HTTPTransport.makeClient`).
    public var streamExecutor: (any TaskExecutor)? { transport.streamExecutor }

    public func generate(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        if request.api == .chat { return chat.generate(request) }
        return StreamingGeneration.stream(
            transport: transport, path: "/completion", body: LlamaCppEngine.body(for: request), model: nil,
            framing: SSEParser.self,
            interpreter: LlamaCppStreamInterpreter(url: transport.url("/completion")))
    }

    static func body(for request: GenerationRequest) -> [UInt8] {
        let prompt = request.systemPrompt.map { $0 + "\n\n" + request.prompt } ?? request.prompt
        return JSONBody.encode(LlamaCppWire.CompletionRequest(
            prompt: prompt, n_predict: request.maxTokens, cache_prompt: request.cache == .warm,
            temperature: request.temperature, seed: request.seed, top_k: request.topK, top_p: request.topP,
            repeat_penalty: request.repeatPenalty, stop: request.stop.isEmpty ? nil : request.stop))
    }
}
