extension OpenAIEngine {
    /// What llama-server writes as `owned_by` in `/v1/models` (b4xxx to b11434).
    public static let llamaServerOwner = "llamacpp"

    /// A few tokens no earlier request began with, so a server's prefix cache (vLLM and SGLang hash
    /// whole blocks from the first token) finds nothing to reuse. Random, not a counter: two EdgeBench
    /// processes against one server, or a resumed run, must not repeat each other's prefixes.
    static func coldPrefix() -> String {
        let hex = String(UInt64.random(in: 0...UInt64(UInt32.max)), radix: 16)
        return "[" + String(repeating: "0", count: 8 - hex.count) + hex + "] "
    }
}
