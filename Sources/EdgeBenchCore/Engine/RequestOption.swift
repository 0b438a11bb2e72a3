/// A `GenerationRequest` field that an engine may or may not pass on. The prompt and `max_tokens` are
/// not listed: every engine takes them.
public enum RequestOption: String, Sendable, Hashable, CaseIterable {
    case systemPrompt = "system_prompt"
    case temperature
    case topK = "top_k"
    case topP = "top_p"
    case seed
    case repeatPenalty = "repeat_penalty"
    case stop
    /// `cache: cold | warm` (`cache_prompt`, its older spelling, is read as the same option)
    case cache
}
