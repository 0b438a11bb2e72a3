/// Where a StackFlow device listens: `tcp://host[:port]`, port 10001 unless given.
struct StackFlowAddress: Sendable, Equatable {
    static let defaultPort = 10001

    var host: String
    var port: Int

    /// The canonical form every message and error names.
    var url: String {
        host.contains(":") ? "tcp://[\(host)]:\(port)" : "tcp://\(host):\(port)"
    }

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    init(parsing text: String) throws(StackFlowError) {
        let trimmed = text.trimmingSpaces()
        guard let schemeEnd = trimmed.range(of: "://") else {
            throw .invalidURL(url: text, reason: "no scheme")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "tcp" else {
            throw .invalidURL(url: text, reason: "scheme '\(scheme)' instead of tcp: StackFlow speaks JSON over plain TCP, not HTTP")
        }
        var rest = trimmed[schemeEnd.upperBound...]
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains("/") else {
            throw .invalidURL(url: text, reason: rest.isEmpty ? "no host" : "a path, which StackFlow has no use for")
        }
        let host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            // IPv6 literal: [addr]:port
            guard let close = rest.firstIndex(of: "]") else { throw .invalidURL(url: text, reason: "unclosed '['") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidURL(url: text, reason: "text after ']'") }
                portText = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty else { throw .invalidURL(url: text, reason: "no host") }
        var port = Self.defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw .invalidURL(url: text, reason: "port '\(portText)' is not 1…65535")
            }
            port = value
        }
        self.init(host: String(host), port: port)
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> String {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[start..<end])
    }
}
