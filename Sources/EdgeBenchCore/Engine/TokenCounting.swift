/// An engine that can count tokens with the model's own tokenizer (llama.cpp `/tokenize`):
/// the second source of token counts in METRICS.md, used only when the server reported none.
public protocol TokenCounting: Sendable {
    func countTokens(_ text: String) async throws -> Int
}
