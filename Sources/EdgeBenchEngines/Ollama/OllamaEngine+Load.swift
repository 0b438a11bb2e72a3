import EdgeBenchCore
import Foundation

extension OllamaEngine {
    /// What loading the model before warm-up found.
    public struct LoadOutcome: Sendable, Equatable {
        /// Whether `/api/ps` listed the model before the load request; nil where the server cannot say.
        public var wasResident: Bool?
        /// METRICS.md `load_time` in s when the request loaded the model: Ollama's `load_duration` when it
        /// reported one, else the load request's wall time; nil for a warm model.
        public var loadTime: Double?
    }

    /// Cold vs warm: one load request (empty prompt, the configuration's options, so `num_gpu` and
    /// `num_ctx` take effect now and not during the first measured request), timed on our clock.
    /// A model resident with other options (another `num_gpu`: Jetson CPU then GPU) is reloaded by
    /// Ollama, which `/api/ps` shows as a changed placement: that counts as a load too.
    public func load() async throws -> LoadOutcome {
        let before = dialect == .ollama ? try await residentEntry() : nil
        // Ollama loads without generating when the prompt is empty. hailo-ollama documents no such
        // request, so it gets a one-token generation, whose reply reports load_duration too.
        var request = GenerationRequest(prompt: dialect == .ollama ? "" : "Hello", api: .completion, maxTokens: 1)
        request.seed = nil
        let started = Instant.now()
        let (status, bytes) = try await transport.fetch("/api/generate", method: .post, json: body(for: request, stream: false))
        let wall = Instant.now().seconds(since: started)
        let reply = try loadReply(status: status, bytes: bytes, answering: "the load request")
        guard dialect == .ollama else {
            return LoadOutcome(wasResident: nil, loadTime: reply.serverTimings.loadDuration.flatMap { $0 > 0 ? $0 : nil })
        }
        let after = try await residentEntry()
        let reloaded = before == nil || before?.size_vram != after?.size_vram || before?.context_length != after?.context_length
        // A load-only request reports every duration as 0 in current Ollama (fixtures: the Go client's
        // GenerateResponse after a 43.9 s load), so a zero means "not measured", not "instant".
        let server = reply.serverTimings.loadDuration.flatMap { $0 > 0 ? $0 : nil }
        return LoadOutcome(wasResident: before != nil, loadTime: reloaded ? server ?? wall : nil)
    }

    /// The reply to a request that generates nothing (load, unload), or the error it carries.
    func loadReply(status: Int, bytes: [UInt8], answering request: String) throws -> OllamaWire.Chunk {
        let text = String(decoding: bytes, as: UTF8.self)
        let url = transport.url("/api/generate")
        guard (200..<300).contains(status) else {
            if status == 404 {
                throw EngineError.modelUnavailable(url: url, engine: dialect.engineName, model: model, detail: text, fix: pullHint)
            }
            throw EngineError.httpStatus(url: url, status: status, body: text)
        }
        let reply: OllamaWire.Chunk
        do {
            reply = try JSONDecoder().decode(OllamaWire.Chunk.self, from: Data(bytes))
        } catch {
            throw EngineError.malformedStream(
                url: url, line: text, expected: "a JSON object from \(dialect.engineName) answering \(request)")
        }
        if let error = reply.error { throw EngineError.serverError(url: url, message: "\(dialect.engineName): \(error)") }
        return reply
    }
}
