import AsyncHTTPClient
import EdgeBenchCore
import Foundation

/// Adapter for Ollama's native API (Raspberry Pi 5 and Jetson in the methodology) and for hailo-ollama,
/// which speaks the same dialect on port 8000 for the Hailo-10H. `api: .chat` streams `/api/chat`,
/// `api: .completion` streams `/api/generate` with `raw: true` (no template), both as NDJSON.
///
/// Every decoding parameter is sent explicitly: Ollama Modelfiles and hailo-ollama manifests carry their
/// own sampling defaults, which would otherwise make two backends answer different questions.
public struct OllamaEngine: InferenceEngine {
    public enum Dialect: String, Sendable {
        /// Ollama: honours num_ctx, num_thread, num_gpu, repeat_penalty, stop; `/api/ps` reports offload.
        case ollama
        /// hailo-ollama: honours num_predict, temperature, seed, top_k, top_p only; health at `/hailo/v1/list`.
        case hailo

        var engineName: String { self == .ollama ? "Ollama" : "hailo-ollama" }
    }

    public var baseURL: String { transport.baseURL }
    public let model: String
    public let dialect: Dialect
    /// Ollama only: how much of the model to put on the GPU (`num_gpu`, a layer count).
    public let offload: Offload?
    public let threads: Int?
    public let contextSize: Int?
    /// Keeps the model resident between requests (Ollama unloads after 5 min idle by default).
    public let keepAlive: Duration
    let transport: HTTPTransport

    /// - Parameters:
    ///   - client: owned by the caller, who shuts it down (see `HTTPTransport.makeClient`).
    ///   - bearerToken: for a server behind a proxy that checks one, sent as `Authorization: Bearer`.
    ///   - limits: see `HTTPTransport`.
    public init(
        baseURL: String, model: String, dialect: Dialect = .ollama, client: HTTPClient, offload: Offload? = nil,
        threads: Int? = nil, contextSize: Int? = nil, keepAlive: Duration = .seconds(1800), bearerToken: String? = nil,
        limits: RequestLimits = RequestLimits()
    ) {
        self.transport = HTTPTransport(baseURL: baseURL, client: client, bearerToken: bearerToken, limits: limits)
        self.model = model
        self.dialect = dialect
        self.offload = offload
        self.threads = threads
        self.contextSize = contextSize
        self.keepAlive = keepAlive
    }

    public func generate(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        let path = request.api == .chat ? "/api/chat" : "/api/generate"
        return StreamingGeneration.stream(
            transport: transport, path: path, body: body(for: request, stream: true), model: model,
            framing: LineFramer.self,
            interpreter: OllamaStreamInterpreter(url: transport.url(path), engine: dialect.engineName))
    }

    func body(for request: GenerationRequest, stream: Bool) -> [UInt8] {
        let options = options(for: request)
        let keepAlive = Int(keepAlive.components.seconds)
        switch request.api {
        case .chat:
            var messages: [OllamaWire.Message] = []
            if let system = request.systemPrompt { messages.append(.init(role: "system", content: system)) }
            messages.append(.init(role: "user", content: request.prompt))
            return JSONBody.encode(OllamaWire.ChatRequest(
                model: model, messages: messages, stream: stream, keep_alive: keepAlive, options: options))
        case .completion:
            let prompt = request.systemPrompt.map { $0 + "\n\n" + request.prompt } ?? request.prompt
            return JSONBody.encode(OllamaWire.GenerateRequest(
                model: model, prompt: prompt, raw: true, stream: stream, keep_alive: keepAlive, options: options))
        }
    }

    func options(for request: GenerationRequest) -> OllamaWire.Options {
        let sampling = request.explicitSampling
        var options = OllamaWire.Options(
            num_predict: request.maxTokens, temperature: request.temperature, seed: request.seed,
            top_k: sampling.topK, top_p: sampling.topP)
        guard dialect == .ollama else { return options }
        options.repeat_penalty = sampling.repeatPenalty
        options.stop = request.stop.isEmpty ? nil : request.stop
        options.num_ctx = contextSize
        options.num_thread = threads
        options.num_gpu = offload?.layerCount
        return options
    }
}
