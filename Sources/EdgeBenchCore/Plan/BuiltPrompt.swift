/// How the runner made a workload's prompt `prompt_tokens` long, and what it came to (METRICS.md,
/// "Prompt length"). Stored with the configuration, beside the prompt that was sent.
public struct BuiltPrompt: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable {
        /// cut with the engine's own tokenizer (llama.cpp `/tokenize`) until the text is the target's length
        case tokenizer
        /// rescaled from the server's prompt counts of probe requests, the closest kept (no tokenizer endpoint)
        case calibrated
    }

    public var method: Method
    /// The server's prompt count for the built prompt, read from a probe request (max_tokens 1, cold): what
    /// each measured cold request's n_in is, chat template included. nil when the server reports no count.
    public var achieved: Int?
    /// The tokenizer's count of the prompt text (method `tokenizer`): the target, unless no cut of the filler
    /// gives exactly that. Without the chat template's tokens, which `achieved` includes.
    public var textTokens: Int?
    /// Requests sent to build it (max_tokens 1, neither stored nor measured).
    public var probes: Int

    public init(method: Method, achieved: Int?, textTokens: Int? = nil, probes: Int) {
        self.method = method
        self.achieved = achieved
        self.textTokens = textTokens
        self.probes = probes
    }

    enum CodingKeys: String, CodingKey {
        case method, achieved
        case textTokens = "text_tokens"
        case probes
    }
}
