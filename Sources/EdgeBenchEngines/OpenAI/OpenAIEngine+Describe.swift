import EdgeBenchCore

extension OpenAIEngine {
    /// GET `{base}/models`: the served model (the configured one, else the first listed).
    public func describe() async throws -> EngineDescription {
        let models = try await transport.fetchJSON(OpenAIWire.Models.self, "/models")
        let served = models.data.first { $0.id == model } ?? models.data.first
        if let model, served?.id != model, !models.data.isEmpty {
            let listed = models.data.map(\.id).joined(separator: ", ")
            throw EngineError.modelNotFound(url: transport.url("/models"), model: model, body: "served: \(listed)")
        }
        return EngineDescription(
            adapter: "openai", name: served?.owned_by ?? "openai-compatible", url: transport.baseURL,
            contextSize: served?.meta?.n_ctx ?? served?.max_model_len,
            model: ModelInfo(
                name: served?.id ?? model ?? "unknown", sizeBytes: served?.meta?.size,
                quantisation: served?.meta?.ftype, parameters: served?.meta?.n_params))
    }
}
