extension EngineError {
    /// The same error with `transform` applied to every text it carries (URLs, bodies, reasons), so a
    /// redaction cannot miss a field a new case adds: the switch is exhaustive.
    func mappingText(_ transform: (String) -> String) -> EngineError {
        switch self {
        case .unreachable(let url, let reason):
            return .unreachable(url: transform(url), reason: transform(reason))
        case .httpStatus(let url, let status, let body):
            return .httpStatus(url: transform(url), status: status, body: transform(body))
        case .modelNotFound(let url, let model, let body):
            return .modelNotFound(url: transform(url), model: transform(model), body: transform(body))
        case .modelUnavailable(let url, let engine, let model, let detail, let fix):
            return .modelUnavailable(
                url: transform(url), engine: engine, model: transform(model), detail: transform(detail), fix: transform(fix))
        case .malformedStream(let url, let line, let expected):
            return .malformedStream(url: transform(url), line: transform(line), expected: transform(expected))
        case .streamEndedEarly(let url, let tokens):
            return .streamEndedEarly(url: transform(url), tokens: tokens)
        case .timeout(let url, let wait, let seconds):
            return .timeout(url: transform(url), wait: wait, seconds: seconds)
        case .serverError(let url, let message):
            return .serverError(url: transform(url), message: transform(message))
        case .transport(let url, let reason):
            return .transport(url: transform(url), reason: transform(reason))
        case .lineTooLong(let url, let unit, let limit):
            return .lineTooLong(url: transform(url), unit: unit, limit: limit)
        case .notAStream(let url, let contentType, let expected, let body):
            return .notAStream(url: transform(url), contentType: contentType.map(transform), expected: expected, body: transform(body))
        }
    }
}
