/// Why a plug poll failed. Each text names the URL, because the sampler records it with the gap.
public enum SmartPlugError: Error, Equatable, Sendable, CustomStringConvertible {
    /// no connection, a timeout, or a transport error
    case unreachable(url: String, reason: String)
    /// the plug answered with a non-2xx status (authentication enabled, wrong kind of device)
    case httpStatus(url: String, status: Int)
    /// the body was not the status the kind promises
    case unexpectedBody(url: String, reason: String)
    /// the base URL given in the plan is not a URL
    case badURL(String)

    public var description: String {
        switch self {
        case .unreachable(let url, let reason):
            "smart plug at \(url) did not answer (\(reason)); the sampler records a gap until it answers again"
        case .httpStatus(let url, let status):
            "smart plug at \(url) answered HTTP \(status); check the plug kind and that its web API needs no password"
        case .unexpectedBody(let url, let reason):
            "smart plug at \(url) answered something else than its status: \(reason)"
        case .badURL(let text):
            "not a plug base URL: \"\(text)\" (expected e.g. http://192.168.1.50)"
        }
    }
}
