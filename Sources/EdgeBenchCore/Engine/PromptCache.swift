/// Whether a workload measures a cold prefill (the default) or lets the server answer a repeated prompt from
/// its cache (METRICS.md "Token counts"). Plans write `cache: cold | warm`.
public enum PromptCache: String, Sendable, Hashable, Codable, CaseIterable {
    /// every request evaluates its whole prompt: llama-server is sent `cache_prompt: false`; servers that
    /// cannot be told (vLLM, SGLang, TensorRT-LLM, Ollama's `/v1`) get a short unique prefix per request
    case cold
    /// the server may reuse the KV cache of an earlier identical prefix (`cache_prompt: true`)
    case warm
}
