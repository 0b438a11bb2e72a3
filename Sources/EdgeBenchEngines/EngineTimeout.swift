import EdgeBenchCore

/// Which wait of a request ran out: each has its own cause and its own option, and a message that
/// blamed the model for a host that never answered sent people the wrong way.
public enum EngineTimeout: Sendable, Equatable {
    /// The TCP connection was not made in time (a host that is down, or a firewall that drops packets).
    case connect
    /// No byte from the server for the idle timeout (`RequestLimits.idle`).
    case idle
    /// The whole request, body included, outlasted `RequestLimits.total`.
    case total

    /// What ran out, in words, with the limit.
    func what(_ seconds: Double?) -> String {
        let limit = seconds.map { EngineError.format($0) + " s" }
        switch self {
        case .connect: return "no connection within \(limit ?? "the connect timeout") (connect timeout)"
        case .idle: return "no bytes from the server for \(limit ?? "the idle timeout") (idle timeout)"
        case .total: return "the request did not finish within \(limit ?? "the request timeout") (request timeout, streamed body included)"
        }
    }

    /// What to do about it.
    var fix: String {
        switch self {
        case .connect:
            return "is the host up and on this network, and is the port right? (a firewall that drops packets looks like this)"
        case .idle:
            return "the server stalled, or a prefill on this board is slower than that; if it is that slow, raise it with "
                + RequestLimits.idleOption
        case .total:
            return "the server stalled mid-stream, trickles, or generates slower than that; raise it with "
                + RequestLimits.totalOption + ", or ask for fewer tokens"
        }
    }
}
