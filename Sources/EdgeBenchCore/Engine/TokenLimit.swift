/// A ceiling an engine puts on `max_tokens`, under the name the engine gives it, so the plan loader
/// can refuse a workload the device would reject mid-run.
public struct TokenLimit: Sendable, Hashable {
    public var maximum: Int
    /// the engine's own name for the setting ("max_token_len")
    public var name: String

    public init(maximum: Int, name: String) {
        self.maximum = maximum
        self.name = name
    }
}
