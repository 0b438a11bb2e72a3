/// Takes secrets (the bearer token) out of text before it is printed or stored. Applied where errors
/// leave `HTTPTransport` and `StreamingGeneration`, the only places that know the token: a server that
/// echoes the Authorization header back (in a 401 body, or mid-stream) would otherwise put the token
/// into stderr, results.md, bundle.json, the HTML report and SQLite.
struct SecretRedaction: Sendable {
    /// What a secret is replaced by.
    static let mark = "[redacted]"

    let secrets: [String]

    init(secrets: [String]) {
        self.secrets = secrets.filter { !$0.isEmpty }
    }

    func apply(_ text: String) -> String {
        var text = text
        for secret in secrets where text.contains(secret) {
            text = text.replacingEvery(secret, with: Self.mark)
        }
        return text
    }

    func apply(_ error: EngineError) -> EngineError {
        secrets.isEmpty ? error : error.mappingText(apply)
    }

    /// Any error: `EngineError`s redacted, others (cancellation) as they are.
    func apply(_ error: any Error) -> any Error {
        guard !secrets.isEmpty, let engineError = error as? EngineError else { return error }
        return apply(engineError)
    }
}

extension String {
    fileprivate func replacingEvery(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
