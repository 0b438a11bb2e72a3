/// The engine seam: one type per inference protocol turns one generation request into
/// a stream of timestamped events (`.submitted`, `.tokens`…, `.finished`).
/// Adding an engine means adding one type behind this protocol plus its fixtures.
public protocol InferenceEngine: Sendable {
    func describe() async throws -> EngineDescription
    func generate(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error>
    /// Where the consumer of `generate`'s stream should run: the thread that reads the engine's socket,
    /// so that a token read there is stamped and handed over without waking another thread. nil: anywhere.
    var streamExecutor: (any TaskExecutor)? { get }
}

extension InferenceEngine {
    public var streamExecutor: (any TaskExecutor)? { nil }
}
