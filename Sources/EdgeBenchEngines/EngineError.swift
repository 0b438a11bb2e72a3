import EdgeBenchCore

/// Why an engine adapter could not produce a result. Every message names what failed, where, and
/// what to do. Credentials never appear here: adapters build these from URLs and bodies only, and
/// `HTTPTransport` redacts its bearer token from every one it lets out (a server may echo it back).
public enum EngineError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The TCP connection could not be made (`reason`: "connection refused", "host not found", …).
    case unreachable(url: String, reason: String)
    /// The server answered with a non-success status; `body` is an excerpt of its error body.
    case httpStatus(url: String, status: Int, body: String)
    /// 404 from an OpenAI-compatible server for the requested model.
    case modelNotFound(url: String, model: String, body: String)
    /// A native-API server (Ollama, hailo-ollama) does not have the model; `fix` says how to get it.
    case modelUnavailable(url: String, engine: String, model: String, detail: String, fix: String)
    /// A line of the stream (or a response body) that could not be understood.
    case malformedStream(url: String, line: String, expected: String)
    /// The connection ended before the final chunk (`[DONE]`, `stop: true`).
    case streamEndedEarly(url: String, tokens: Int)
    /// No answer in time; `wait` says which wait ran out, `seconds` its limit.
    case timeout(url: String, wait: EngineTimeout, seconds: Double?)
    /// A line (NDJSON) or Server-Sent Event longer than `limit` bytes: dropped unread, so a broken or
    /// hostile server cannot make the run buffer without end.
    case lineTooLong(url: String, unit: String, limit: Int)
    /// A 2xx answer to a streaming request whose body is not a stream (a JSON reply from a server that
    /// ignored `stream`, a web page from a proxy); `contentType` as sent, `body` an excerpt.
    case notAStream(url: String, contentType: String?, expected: String, body: String)
    /// The server reported an error inside a 200 response (an `error` object in the stream).
    case serverError(url: String, message: String)
    /// Any other transport failure, with the underlying error's text.
    case transport(url: String, reason: String)

    public var description: String {
        switch self {
        case .unreachable(let url, let reason):
            return "cannot connect to \(url) (\(reason)): is the server running? start it or pass --url"
        case .httpStatus(let url, let status, let body):
            let excerpt = body.isEmpty ? "" : ": \(EngineError.excerpt(body))"
            return "\(url) answered HTTP \(status)\(excerpt) (see the server's log for details)"
        case .modelNotFound(let url, let model, let body):
            let excerpt = body.isEmpty ? "" : " (server said: \(EngineError.excerpt(body)))"
            return "\(url): model '\(model)' not found\(excerpt): list the served models with GET /v1/models and pass one of them as the model"
        case .modelUnavailable(let url, let engine, let model, let detail, let fix):
            let said = detail.isEmpty ? "" : " (\(EngineError.excerpt(detail)))"
            return "\(engine) at \(HTTPErrorMapping.origin(of: url)) has no model '\(model)'\(said): \(fix)"
        case .malformedStream(let url, let line, let expected):
            return "malformed response from \(url): expected \(expected), got: \(EngineError.excerpt(line))"
        case .streamEndedEarly(_, let tokens):
            return "server closed the stream after \(tokens) tokens without a final chunk: did it crash? see its log"
        case .timeout(let url, let wait, let seconds):
            return "\(url) timed out: \(wait.what(seconds)): \(wait.fix)"
        case .lineTooLong(let url, let unit, let limit):
            let mebibytes = limit >= 1_048_576 ? " (\(EngineError.format(Double(limit) / 1_048_576)) MiB)" : ""
            return "\(url) sent \(unit) longer than \(limit) bytes\(mebibytes) without ending it: "
                + "the stream was stopped there, unbuffered; the server is broken or not speaking this protocol "
                + "(is the URL and the engine kind right?); if its events really are that long, raise the cap with \(RequestLimits.maxLineOption)"
        case .notAStream(let url, let contentType, let expected, let body):
            let type = contentType.map { "'\($0)'" } ?? "no Content-Type"
            let excerpt = body.isEmpty ? "an empty body" : EngineError.excerpt(body)
            return "\(url) answered the streaming request with \(type) instead of a stream (\(expected)): \(excerpt); "
                + "is the URL the engine's API (e.g. …/v1 for openai) and the engine kind right, and does the server stream?"
        case .serverError(let url, let message):
            return "\(url) reported an error mid-stream: \(EngineError.excerpt(message)) (see the server's log)"
        case .transport(let url, let reason):
            return "request to \(url) failed: \(reason)"
        }
    }

    /// At most 200 characters, on one line, so a multi-megabyte body never floods a report.
    static func excerpt(_ text: String, limit: Int = 200) -> String {
        let flat = text.replacingNewlines()
        if flat.count <= limit { return flat }
        return String(flat.prefix(limit)) + "…"
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for character in self {
            out.append(character == "\n" || character == "\r" || character == "\r\n" ? " " : character)
        }
        return out.trimmingTrailingSpaces()
    }

    private func trimmingTrailingSpaces() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[startIndex..<end])
    }
}
