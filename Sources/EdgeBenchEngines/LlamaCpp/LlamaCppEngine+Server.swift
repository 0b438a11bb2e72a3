import EdgeBenchCore

extension LlamaCppEngine {
    /// GET `/props` and `/v1/models`: build, model file, context, size, parameters, quantisation.
    public func describe() async throws -> EngineDescription {
        let props = try await transport.fetchJSON(LlamaCppWire.Props.self, "/props")
        // /v1/models adds size and parameter count; older servers lack `meta`, so it is optional.
        let models = try? await transport.fetchJSON(OpenAIWire.Models.self, "/v1/models")
        let served = models?.data.first
        let build = props.build_info
        let version = build.map { String($0.split(separator: "-", maxSplits: 1).first ?? Substring($0)) }
        let file = props.model_path
        let name = props.model_alias ?? served?.id ?? file.map { String($0.split(separator: "/").last ?? "") } ?? "unknown"
        return EngineDescription(
            adapter: "llamacpp", name: "llama.cpp", version: version, build: build, url: transport.baseURL,
            contextSize: props.default_generation_settings?.n_ctx ?? served?.meta?.n_ctx,
            model: ModelInfo(
                name: name, file: file, sizeBytes: served?.meta?.size,
                quantisation: props.model_ftype ?? served?.meta?.ftype, parameters: served?.meta?.n_params))
    }

    /// GET `/health`: true when the model is loaded (200 `{"status":"ok"}`), false while loading (503).
    /// Throws `EngineError.unreachable` when nothing listens, so callers can tell "starting" from "absent".
    public func health() async throws -> Bool {
        let (status, body) = try await transport.fetch("/health")
        switch status {
        case 200:
            let text = String(decoding: body, as: UTF8.self)
            return text.contains("\"ok\"") || text.contains("\"no slot available\"") || text.isEmpty
        case 503:
            return false
        default:
            throw EngineError.httpStatus(url: transport.url("/health"), status: status, body: String(decoding: body, as: UTF8.self))
        }
    }

    /// POST `/tokenize`: how many tokens the server's tokenizer makes of `text` (METRICS.md count rule 2).
    /// `addSpecial`: with the BOS token where the model's vocabulary adds one, as `/completion` evaluates a prompt.
    public func tokenize(_ text: String, addSpecial: Bool = false) async throws -> Int {
        let body = JSONBody.encode(LlamaCppWire.TokenizeRequest(content: text, add_special: addSpecial ? true : nil))
        return try await transport.fetchJSON(LlamaCppWire.TokenizeResponse.self, "/tokenize", method: .post, json: body).tokens.count
    }
}

/// The runner asks `/tokenize` only when a response carried no server-reported counts.
extension LlamaCppEngine: TokenCounting {
    public func countTokens(_ text: String) async throws -> Int { try await tokenize(text) }
}
