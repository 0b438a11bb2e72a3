/// Derives one request's metrics from what the runner observed (METRICS.md "Timestamps",
/// "Latency and speed", "Token counts"). This is the only place these formulas live.
public enum RequestMetrics {
    /// Relative gap between `decode_rate` and `server_decode_rate` above which a request is flagged
    /// `client_server_disagreement` (buffering, a proxy, or a wrong token count).
    public static let disagreementThreshold = 0.10
    /// Factor between server and client decode rates beyond which the server's timings are not believed
    /// (`server_timing_implausible`). Buffering or a proxy moves rates by percents; a unit bug moves them by
    /// 10³–10⁶ (rkllama 0.0.75 reports milliseconds in Ollama's nanosecond fields).
    public static let implausibleFactor = 100.0

    public static func compute(_ record: RequestRecord, index: Int) -> RequestResult {
        let checked = ServerReportCheck.check(record)
        let completion = checked.completion
        let counts = TokenCounts(record, completion: completion)
        let tSubmit = record.submittedAt
        let e2e = record.completion.at.seconds(since: tSubmit)

        var metrics: [MetricID: Double] = [.e2eLatency: e2e, .nOut: Double(counts.output)]
        var flags: Set<Flag> = []
        if let nIn = counts.input { metrics[.nIn] = Double(nIn) }
        if counts.output < record.requestedMaxTokens { flags.insert(.stoppedEarly) }
        if !checked.findings.isEmpty { flags.insert(.serverCountImplausible) }
        // Evaluated fewer than the prompt's tokens: part of it came from the server's cache.
        if record.cache == .cold, let prompt = completion.promptTokens, let evaluated = counts.input, evaluated < prompt {
            flags.insert(.promptCached)
        }

        // Without a generated token there is no t_first, so nothing but the request's length is defined.
        guard counts.output > 0, let first = record.chunks.first, let last = record.chunks.last else {
            flags.insert(.noTokens)
            return RequestResult(
                index: index, metrics: metrics, itl: [], flags: flags.sorted(), response: record.text)
        }
        if counts.isEstimated { flags.insert(.estimated) }

        let nOut = Double(counts.output)
        let ttft = first.at.seconds(since: tSubmit)
        let decodeTime = last.at.seconds(since: first.at)
        metrics[.ttft] = ttft
        metrics[.decodeTime] = decodeTime
        // The first token's time belongs to prefill, so decode speed counts the N_out − 1 tokens after it.
        if counts.output > 1, decodeTime > 0 {
            metrics[.decodeRate] = (nOut - 1) / decodeTime
            metrics[.tpot] = decodeTime / (nOut - 1)
        }
        if let nIn = counts.input, ttft > 0 { metrics[.prefillRate] = Double(nIn) / ttft }
        if e2e > 0 { metrics[.e2eThroughput] = nOut / e2e }

        let timings = completion.timings
        if let rate = timings?.promptRate, rate.isFinite, rate > 0 { metrics[.serverPrefillRate] = rate }
        if let rate = timings?.predictedRate, rate.isFinite, rate > 0 { metrics[.serverDecodeRate] = rate }
        if serverTimingsImplausible(timings, metrics: metrics, e2e: e2e) {
            metrics[.serverPrefillRate] = nil
            metrics[.serverDecodeRate] = nil
            flags.insert(.serverTimingImplausible)
        }
        if let client = metrics[.decodeRate], let server = metrics[.serverDecodeRate],
            abs(client - server) / server > disagreementThreshold
        {
            flags.insert(.clientServerDisagreement)
        }

        return RequestResult(
            index: index, metrics: metrics, itl: interTokenLatencies(record.chunks), flags: flags.sorted(),
            response: record.text)
    }

    /// Server timings in the wrong unit: a decode rate orders of magnitude above the one we measured,
    /// or a server-side duration far longer than the whole request as the client saw it. Both server
    /// rates come from the same clock and unit, so both are dropped.
    static func serverTimingsImplausible(_ timings: ServerTimings?, metrics: [MetricID: Double], e2e: Double) -> Bool {
        guard let timings else { return false }
        // Only a server FASTER than what we saw is a unit bug: a client that saw tokens arrive batched
        // (a buffering proxy, a loaded machine) has the higher rate itself, which is
        // `client_server_disagreement`, not a reason to drop the server's figures.
        if let client = metrics[.decodeRate], let server = metrics[.serverDecodeRate], client > 0,
           server / client > implausibleFactor
        {
            return true
        }
        for duration in [timings.promptDuration, timings.predictedDuration].compactMap({ $0 })
        where e2e > 0 && duration > e2e * 10 {
            return true
        }
        return false
    }

    /// One value per gap between consecutive token-carrying chunks, spread over the later chunk's tokens
    /// (a chunk of 3 tokens after 0.3 s gives 0.1 s, as vLLM's per-chunk ITL does).
    public static func interTokenLatencies(_ chunks: [RequestRecord.Chunk]) -> [Double] {
        guard chunks.count >= 2 else { return [] }
        return (1..<chunks.count).map { i in
            chunks[i].at.seconds(since: chunks[i - 1].at) / Double(max(chunks[i].count, 1))
        }
    }
}
