/// Why a prompt of `prompt_tokens` could not be built or would not fit: each fails its configuration
/// before anything is measured, saying what to change.
enum PromptLengthError: Error, CustomStringConvertible, Equatable {
    /// prompt_tokens + max_tokens over the context the server reports
    case overContext(workload: String, engine: String, target: Int, maxTokens: Int, context: Int)
    /// the built prompt, as the server counts it (chat template included), leaves no room for max_tokens
    case builtOverContext(workload: String, engine: String, target: Int, achieved: Int, maxTokens: Int, context: Int)
    /// no tokenizer endpoint, and the server's replies carry no prompt count to calibrate against
    case noPromptCount(workload: String, engine: String)
    /// the filler's token count stopped growing with its length (a tokenizer that ignores it)
    case fillerDoesNotGrow(characters: Int, tokens: Int)

    /// a + b, saturating: a run.json's max_tokens is unbounded
    private static func sum(_ a: Int, _ b: Int) -> Int {
        let sum = a.addingReportingOverflow(b)
        return sum.overflow ? Int.max : sum.partialValue
    }

    var description: String {
        switch self {
        case .overContext(let workload, let engine, let target, let maxTokens, let context):
            return "workload '\(workload)' needs prompt_tokens \(target) + max_tokens \(maxTokens) = \(Self.sum(target, maxTokens)) "
                + "tokens of context, but the server reports a context of \(context) tokens; start it with a context of "
                + "\(Self.sum(target, maxTokens)) or more (llama-server -c, Ollama num_ctx), lower prompt_tokens or max_tokens, or "
                + "exclude the pair: exclude: [{engine: \(engine), prompt_tokens: \(target)}]"
        case .builtOverContext(let workload, let engine, let target, let achieved, let maxTokens, let context):
            return "the prompt built for workload '\(workload)' is \(achieved) tokens as the server counts it (its chat "
                + "template included), so with max_tokens \(maxTokens) it needs \(Self.sum(achieved, maxTokens)) tokens of context, "
                + "over the server's \(context); start the server with a context of \(Self.sum(achieved, maxTokens)) or more, lower "
                + "prompt_tokens, or exclude the pair: exclude: [{engine: \(engine), prompt_tokens: \(target)}]"
        case .noPromptCount(let workload, let engine):
            return "cannot build the prompt of workload '\(workload)' to its prompt_tokens: engine '\(engine)' has no tokenizer "
                + "endpoint and its replies report no prompt token count to calibrate against; remove prompt_tokens for "
                + "this engine (exclude the pair) and give the prompt as text"
        case .fillerDoesNotGrow(let characters, let tokens):
            return "the prompt's filler stays at \(tokens) tokens however long it is cut (\(characters) characters); give "
                + "the workload a 'prompt' of ordinary text to repeat, or leave 'prompt' out for the built-in filler"
        }
    }
}
