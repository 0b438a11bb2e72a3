/// The bounds every request to an engine runs under, on every engine (HTTP and TCP), so that no server,
/// however broken or hostile, can hold a run forever or make it buffer without end.
///
/// Each comes from the first that gives it: the command line (`--request-timeout`, `--idle-timeout`,
/// `--max-line-bytes`), the plan (the engine's `timeout:` and `idle_timeout:`), the default here.
public struct RequestLimits: Sendable, Hashable {
    /// A 1023-token generation at 2 tokens/s (a 7B model on a Pi 5's CPU) takes about 512 s: the slowest
    /// board the catalog lists finishes inside it, and a stalled or trickling server is cut off in 10 minutes.
    public static let defaultTotal: Duration = .seconds(600)
    /// No byte at all for this long: prefill of a long prompt on a slow CPU sends nothing until it is done,
    /// so the silence allowed is long; a trickling server is stopped by `total` instead.
    public static let defaultIdle: Duration = .seconds(300)
    /// Real events are a few hundred bytes (a whole non-streamed reply a few hundred KiB): 16 MiB is far
    /// above any of them and small enough for a 4 GB board.
    public static let defaultMaxLineBytes = 16 * 1024 * 1024

    /// The whole request, from sending it to the end of its response, body included.
    public var total: Duration
    /// The longest silence between two bytes from the server (and before the first).
    public var idle: Duration
    /// The longest line (NDJSON, StackFlow) or Server-Sent Event a stream may send; nothing longer is buffered.
    public var maxLineBytes: Int

    public init(total: Duration = defaultTotal, idle: Duration = defaultIdle, maxLineBytes: Int = defaultMaxLineBytes) {
        self.total = total
        self.idle = idle
        self.maxLineBytes = maxLineBytes
    }

    /// The options that change each bound, as error messages name them.
    public static let totalOption = "--request-timeout SECONDS (or the engine's `timeout:` in the plan)"
    public static let idleOption = "--idle-timeout SECONDS (or the engine's `idle_timeout:` in the plan)"
    public static let maxLineOption = "--max-line-bytes BYTES"
}
