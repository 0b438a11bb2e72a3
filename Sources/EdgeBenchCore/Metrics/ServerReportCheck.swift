/// Decides which of a server's reported counts and durations can be believed (METRICS.md "Token counts",
/// plausibility). A server is trusted over the client only for numbers it could have produced: a count
/// that is negative, zero although tokens streamed, or beyond what the streamed text can hold, and a
/// duration that is negative or longer than the whole request, are dropped (the client's value is used,
/// the request flagged `server_count_implausible`). Pure: `RequestMetrics` and the runner both ask it.
public enum ServerReportCheck {
    /// Tokens a server may count beyond one per streamed byte and chunk: end-of-sequence, reasoning tags a
    /// parser strips, a stop string the server generated but does not send.
    public static let countSlack = 16
    /// Tokens a prompt may gain beyond one per byte of what was sent: the chat template, special tokens.
    public static let promptSlack = 4096
    /// A server-side duration is part of the request the client timed; clocks of 1 ms resolution and a
    /// server that stamps a little before the client's write give it this much room.
    public static let durationSlack = (relative: 0.01, absolute: 0.001)
    /// Durations more than this many times the request are a unit bug, `RequestMetrics`' rule
    /// (`server_timing_implausible`), not a count.
    public static let unitBugFactor = 10.0

    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// what the server reported, in METRICS.md's words ("completion tokens", "decode duration")
        public var field: String
        /// the value as it came, e.g. "-8" or "-0.5 s"
        public var value: String
        /// why it cannot be true
        public var reason: String
        public var description: String { "the server reported \(field) \(value), which \(reason)" }
    }

    public struct Result: Sendable, Equatable {
        /// the completion with every implausible value removed (and the server rates computed from them)
        public var completion: Completion
        public var findings: [Finding]
    }

    public static func check(_ record: RequestRecord) -> Result {
        var c = record.completion
        var findings: [Finding] = []
        let streamed = record.chunks.reduce(0) { $0 + max($1.count, 0) }
        // At most one token per byte of text, one unseen token per chunk (a held-back partial character),
        // and `countSlack` more.
        let outputLimit = record.text.utf8.count + streamed + countSlack
        let promptLimit = record.promptBytes.map { bytes in
            (bytes + promptSlack, "is more than a prompt of \(bytes) bytes can hold (at most \(bytes + promptSlack))")
        }

        func output(_ value: Int?, _ field: String) -> Int? {
            guard let value else { return nil }
            let reason: String? =
                if value < 0 { "is negative" }
                else if value == 0 && streamed > 0 { "is zero although \(streamed) token(s) streamed" }
                else if value > outputLimit {
                    "is more than the \(streamed) streamed token chunk(s) of \(record.text.utf8.count) bytes can hold "
                        + "(at most \(outputLimit))"
                } else { nil }
            guard let reason else { return value }
            findings.append(Finding(field: field, value: String(value), reason: reason))
            return nil
        }
        func prompt(_ value: Int?, _ field: String, limit: (Int, String)?) -> Int? {
            guard let value else { return nil }
            let reason: String? =
                if value < 0 { "is negative" }
                else if let limit, value > limit.0 { limit.1 }
                else { nil }
            guard let reason else { return value }
            findings.append(Finding(field: field, value: String(value), reason: reason))
            return nil
        }

        c.completionTokens = output(c.completionTokens, "completion tokens")
        c.promptTokens = prompt(c.promptTokens, "prompt tokens", limit: promptLimit)
        let wholePrompt = c.promptTokens.map { ($0, "is more than the \($0) prompt tokens it reported") }
        c.cachedTokens = prompt(c.cachedTokens, "cached prompt tokens", limit: wholePrompt ?? promptLimit)
        if var t = c.timings {
            let e2e = record.completion.at.seconds(since: record.submittedAt)
            func duration(_ value: Double?, _ field: String) -> (Double?, Bool) {
                guard let value else { return (nil, true) }
                let reason: String? =
                    if !value.isFinite { "is not a number" }
                    else if value < 0 { "is negative" }
                    else if e2e >= 0, value > e2e * (1 + durationSlack.relative) + durationSlack.absolute,
                        value <= e2e * unitBugFactor
                    {
                        "is longer than the whole request (\(Self.seconds(e2e)) from submit to done)"
                    } else { nil }
                guard let reason else { return (value, true) }
                findings.append(Finding(field: field, value: Self.seconds(value), reason: reason))
                return (nil, false)
            }
            let predicted = t.predictedTokens
            t.predictedTokens = output(t.predictedTokens, "decode tokens")
            let prompted = t.promptTokens
            t.promptTokens = prompt(t.promptTokens, "evaluated prompt tokens", limit: promptLimit)
            t.cachedTokens = prompt(t.cachedTokens, "cached prompt tokens", limit: wholePrompt ?? promptLimit)
            let (promptDuration, promptOK) = duration(t.promptDuration, "prompt duration")
            let (predictedDuration, predictedOK) = duration(t.predictedDuration, "decode duration")
            let (load, _) = duration(t.loadDuration, "load duration")
            t.promptDuration = promptDuration
            t.predictedDuration = predictedDuration
            t.loadDuration = load
            // A server rate is its count over its duration: neither survives a bad count or duration.
            if !promptOK || t.promptTokens != prompted { t.promptRate = nil }
            if !predictedOK || t.predictedTokens != predicted { t.predictedRate = nil }
            c.timings = t
        }
        // A count dropped under one name is dropped under every other name the same server used for it.
        if findings.contains(where: { $0.field == "completion tokens" || $0.field == "decode tokens" }) {
            c.completionTokens = nil
            c.timings?.predictedTokens = nil
            c.timings?.predictedRate = nil
        }
        var seen: Set<String> = []
        return Result(completion: c, findings: findings.filter { seen.insert($0.description).inserted })
    }

    static func seconds(_ value: Double) -> String {
        value.isFinite ? "\(value) s" : "\(value)"
    }
}
