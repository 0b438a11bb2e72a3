/// A workload's service-level objectives (`slo:`): a request counts toward `goodput` only when it meets
/// every one given (METRICS.md "Load profiles"). Seconds; nil = no objective on that measure.
public struct ServiceLevels: Sendable, Hashable, Codable {
    /// time to first token
    public var ttft: Double?
    /// the request's own p99 inter-token latency
    public var itl: Double?
    /// end-to-end latency
    public var e2e: Double?

    public init(ttft: Double? = nil, itl: Double? = nil, e2e: Double? = nil) {
        self.ttft = ttft
        self.itl = itl
        self.e2e = e2e
    }

    public var isEmpty: Bool { ttft == nil && itl == nil && e2e == nil }

    /// Whether a request met every objective. A request without the measure an objective needs (no token:
    /// no TTFT; one token: no gap, so no ITL objective can fail) is judged on what it has, except that a
    /// request with no TTFT never meets a TTFT objective.
    public func met(by request: RequestResult) -> Bool {
        if let ttft {
            guard let measured = request.metrics[.ttft], measured <= ttft else { return false }
        }
        if let e2e {
            guard let measured = request.metrics[.e2eLatency], measured <= e2e else { return false }
        }
        if let itl, !request.itl.isEmpty, Statistics.percentile(sorted: request.itl.sorted(), 0.99) > itl { return false }
        return true
    }
}
