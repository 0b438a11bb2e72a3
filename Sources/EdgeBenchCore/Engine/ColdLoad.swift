/// One load of a model that was not resident (`ColdStarting.load()`), on the run's one monotonic clock, so the
/// runner can line it up with the request that follows and with the power samples (METRICS.md "Cold start").
public struct ColdLoad: Sendable, Equatable {
    /// Just before the load was asked for: the load request written, or the engine process spawned.
    public var start: Instant
    /// When the model could take a request: the load request's reply, or the first healthy answer.
    public var end: Instant
    /// The engine's process after the load, where EdgeBench runs it (a managed llama-server is a new process
    /// with a new pid: its memory is sampled from this one on); nil for an engine on another machine.
    public var pid: Int32?

    public init(start: Instant, end: Instant, pid: Int32? = nil) {
        self.start = start
        self.end = end
        self.pid = pid
    }

    /// METRICS.md `load_time` of this load, s: `end − start` on our clock. Ollama's own `load_duration` is 0 in
    /// the reply to a load-only request (fixtures/llm-servers/ollama-go-client-load-only-response-struct.txt),
    /// and hailo-ollama and StackFlow report none.
    public var seconds: Double { end.seconds(since: start) }
}
