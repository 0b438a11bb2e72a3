import EdgeBenchCore

/// Why talking to an M5Stack StackFlow device (Module LLM / LLM630, AX630C) failed. Every message starts
/// with "StackFlow at tcp://host:port", names the action that failed and says what to do, because the
/// device itself gives little to go on (short messages, no logs over the wire).
public enum StackFlowError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The engine URL is not `tcp://host[:port]`.
    case invalidURL(url: String, reason: String)
    /// A value the device would reject or silently ignore, caught before anything was sent.
    case invalidRequest(url: String, action: String, reason: String)
    /// The TCP connection could not be made.
    case unreachable(url: String, reason: String)
    /// No bytes from the device within `seconds` while waiting for `action`; `deltas` arrived before that.
    case timeout(url: String, action: String, seconds: Double, deltas: Int?)
    /// The generation did not finish within its whole-request deadline of `seconds` (bytes kept coming, slowly).
    case deadline(url: String, action: String, seconds: Double, deltas: Int?)
    /// A reply line longer than `limit` bytes: the connection was closed without buffering it.
    case lineTooLong(url: String, action: String, limit: Int)
    /// The device answered with `error.code` ≠ 0.
    case device(url: String, action: String, code: Int, message: String)
    /// A reply line that is not a StackFlow JSON object.
    case malformedReply(url: String, action: String, line: String, problem: String)
    /// The connection ended (EOF or reset) before the reply that finishes `action`.
    case connectionLost(url: String, action: String, deltas: Int?, reason: String)
    /// `generate` or `describe` before `setup(model:…)` opened a session.
    case noSession(url: String, action: String)
    /// A second request while one is in flight: one StackFlow session runs one inference at a time.
    case busy(url: String, action: String, running: String)
    /// The engine was closed (or aborted after a failed generation).
    case closed(url: String, action: String)

    /// The firmware's own limit (`MAX_TASK_NUM` of the llm unit).
    static let deviceSessionLimit = 2

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            return "StackFlow URL '\(url)' is not usable (\(reason)): write tcp://HOST:PORT, e.g. tcp://m5stack-llm.local:10001"
        case .invalidRequest(let url, let action, let reason):
            return "StackFlow at \(url): \(action) not sent: \(reason)"
        case .unreachable(let url, let reason):
            return "StackFlow at \(url): cannot connect (\(reason)): is the device powered, on this network, and is llm-sys running? check the host and port (default 10001)"
        case .timeout(let url, let action, let seconds, let deltas):
            let progress = deltas.map { " after \($0) delta(s)" } ?? ""
            return "StackFlow at \(url): \(action) timed out: no bytes from the device for \(Self.format(seconds)) s (idle timeout)\(progress); the device dropped the request or the model is slower than that: check the device with a `sys ping`, or raise it with \(RequestLimits.idleOption)"
        case .deadline(let url, let action, let seconds, let deltas):
            let progress = deltas.map { " after \($0) delta(s)" } ?? ""
            return "StackFlow at \(url): \(action) did not finish within \(Self.format(seconds)) s (request timeout)\(progress); the device trickles or generates slower than that: raise it with \(RequestLimits.totalOption), or ask for fewer tokens"
        case .lineTooLong(let url, let action, let limit):
            return "StackFlow at \(url): during \(action) the device sent a line longer than \(limit) bytes without a newline: the connection was closed without buffering it; is this a StackFlow device (check the host and port)? if its replies really are that long, raise the cap with \(RequestLimits.maxLineOption)"
        case .device(let url, let action, let code, let message):
            return "StackFlow at \(url): \(action) failed: the device reported error \(code)\(Self.quoted(message))\(Self.hint(code: code))"
        case .malformedReply(let url, let action, let line, let problem):
            return "StackFlow at \(url): malformed reply during \(action) (\(problem)): \(EngineError.excerpt(line))"
        case .connectionLost(let url, let action, let deltas, let reason):
            let progress = deltas.map { " after \($0) delta(s), before the final reply (finish: true)" } ?? " before its reply"
            return "StackFlow at \(url): the connection ended during \(action)\(progress) (\(reason)): did the device reboot or llm-sys restart? check it with a `sys ping`"
        case .noSession(let url, let action):
            return "StackFlow at \(url): \(action) needs an LLM session: call setup(model:maxTokens:systemPrompt:) first"
        case .busy(let url, let action, let running):
            return "StackFlow at \(url): \(action) refused while \(running) is still running: one StackFlow session runs one request at a time (use concurrency 1)"
        case .closed(let url, let action):
            return "StackFlow at \(url): \(action) after the engine was closed: connect again"
        }
    }

    /// What to do about the codes the firmware is known to send (llm_sys event loop and the llm unit).
    private static func hint(code: Int) -> String {
        switch code {
        case -21:
            return ": the device has too many tasks open (task full; the llm unit of current firmware allows \(deviceSessionLimit) sessions, and a session outlives the TCP connection that opened it): exit the stale sessions (action \"exit\" on their work_id) or reset the device (`sys reset`, or power-cycle it), then retry"
        case -5:
            return ": the model could not be loaded: is its package installed on the device (list them with `sys lsmode`) and is the name spelled as the device knows it?"
        case -6:
            return ": the device no longer knows this session (was it reset since setup?): set the session up again"
        case -4:
            return ": the device has no session with this work_id (was it reset since setup?): set the session up again"
        case -9:
            return ": the llm unit did not answer: is the llm service running on the device?"
        case -25:
            return ": the device could not reassemble the prompt pieces (their index must count up from 0)"
        case -2:
            return ": the device could not parse a message it was sent"
        case -3:
            return ": the device's firmware does not know this action"
        default:
            return ""
        }
    }

    private static func quoted(_ message: String) -> String {
        message.isEmpty ? "" : " (\(EngineError.excerpt(message)))"
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
