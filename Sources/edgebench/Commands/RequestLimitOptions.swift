import ArgumentParser
import EdgeBenchRunner

/// The bounds of every request, on every engine (`RequestLimits`): over the plan's, stored in run.json.
struct RequestLimitOptions: ParsableArguments {
    @Option(
        name: .customLong("request-timeout"), parsing: .unconditional,
        help: "Seconds one request may take, streamed reply included (a server that trickles bytes is cut off); default: the engine's timeout in the plan, else 600.")
    var requestTimeout: Double?

    @Option(
        name: .customLong("idle-timeout"), parsing: .unconditional,
        help: "Seconds a server may send nothing (a long prefill included); default: the engine's idle_timeout in the plan, else 300.")
    var idleTimeout: Double?

    @Option(
        name: .customLong("max-line-bytes"), parsing: .unconditional,
        help: "Longest line or Server-Sent Event a stream may send, in bytes (1024 to 1073741824); nothing longer is held in memory; default 16777216 (16 MiB).")
    var maxLineBytes: Int?

    /// `flags` with these limits; a value out of range fails as a usage error naming the flag.
    func applied(to flags: RunFlags) throws -> RunFlags {
        var flags = flags
        do {
            try flags.setRequestLimits(requestSeconds: requestTimeout, idleSeconds: idleTimeout, maxLineBytes: maxLineBytes)
        } catch {
            throw ValidationError(error.description)
        }
        return flags
    }

    func validate() throws {
        _ = try applied(to: RunFlags())
    }
}
