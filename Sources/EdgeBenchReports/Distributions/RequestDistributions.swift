import EdgeBenchCore

/// What a report draws from one configuration's requests besides its summary: the TTFT and ITL box
/// plots and the number of requests. Gathered one request at a time, so a report never holds the
/// requests themselves (a bundle read with the store's `BundleReader`, or the store's rows).
public struct RequestDistributions: Sendable {
    public var requests = 0
    public var ttft = SampleDistribution()
    /// every gap of every request, pooled (as the summary's `itl`)
    public var itl = SampleDistribution()

    public init() {}

    public init(_ requests: [RequestResult]) {
        for request in requests { add(request) }
    }

    public mutating func add(_ request: RequestResult) {
        add(ttft: request.metrics[.ttft], itl: request.itl)
    }

    /// One request by the two things drawn from it (a reader that never builds the `RequestResult`).
    public mutating func add(ttft: Double?, itl gaps: [Double]) {
        requests += 1
        if let ttft { self.ttft.add(ttft) }
        for gap in gaps { itl.add(gap) }
    }
}
