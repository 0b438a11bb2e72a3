/// How `ScriptedLLMServer` treats a prompt that begins like the one before it. A prompt's tokens are its
/// whitespace-separated words (every message's content, in order); like llama-server, at least the last
/// token is always evaluated.
public enum ScriptedPromptCache: Sendable, Equatable {
    /// Reports `Script.promptTokens`, nothing cached.
    case none
    /// llama-server: reuses the previous prompt's common prefix unless the request says `cache_prompt: false`;
    /// reports `prompt_tokens_details.cached_tokens` and `timings.cache_n` / `prompt_n`. `/v1/models` says
    /// `owned_by: "llamacpp"`.
    case llamaCpp
    /// vLLM / SGLang: reuses the common prefix whatever the request says, reports only
    /// `usage.prompt_tokens_details.cached_tokens` (and, asked on llama.cpp's native `/completion`, `timings`,
    /// the one place that protocol has for it). `/v1/models` says `owned_by: "vllm"`.
    case automatic
}

/// One request's prompt as the scripted server counted it.
struct PromptAccount: Sendable, Equatable {
    var total: Int
    var cached: Int
    var evaluated: Int { total - cached }
}
