import AsyncHTTPClient
import EdgeBenchCore
import NIOCore

/// The verbs the adapters use.
enum HTTPVerb: Sendable { case get, post }

/// Turns transport errors (AsyncHTTPClient, NIO, POSIX) into `EngineError`s a person can act on.
enum HTTPErrorMapping {
    static func engineError(for error: any Error, url: String, limits: RequestLimits) -> EngineError {
        let target = origin(of: url)
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout:
                return .timeout(url: target, wait: .connect, seconds: nil)
            case .readTimeout:
                return .timeout(url: url, wait: .idle, seconds: limits.idle.inSeconds)
            case .deadlineExceeded:
                return .timeout(url: url, wait: .total, seconds: limits.total.inSeconds)
            case .remoteConnectionClosed:
                return .transport(url: url, reason: "the server closed the connection before answering: did it crash? see its log")
            case .cancelled:
                return .transport(url: url, reason: "cancelled")
            default:
                break
            }
        }
        let text = String(describing: error)
        let lowered = text.lowercased()
        if lowered.contains("refused") || lowered.contains("errno: 111") || lowered.contains("econnrefused") {
            return .unreachable(url: target, reason: "connection refused")
        }
        if lowered.contains("nodename nor servname") || lowered.contains("name or service not known")
            || lowered.contains("unknown host") || lowered.contains("no address")
        {
            return .unreachable(url: target, reason: "host not found")
        }
        if lowered.contains("unreachable") {
            return .unreachable(url: target, reason: "network unreachable")
        }
        return .transport(url: url, reason: text)
    }

    /// "http://host:port" of a URL, the part a person checks when a server is down.
    static func origin(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        return String(url[url.startIndex..<hostEnd])
    }
}
