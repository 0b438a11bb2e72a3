import EdgeBenchCore

/// What the reports read from one configuration's requests besides its summary, gathered one request
/// at a time: how many there are, the means of their metrics (for a configuration that has requests but
/// no summary: an interrupted one), the last request's response (the paper's CSV), and the TTFT and ITL
/// distributions the HTML page draws.
public struct RequestTally: Sendable {
    public private(set) var distributions = RequestDistributions()
    private var sums: [MetricID: (total: Double, count: Int)] = [:]
    private var lastIndex: Int?
    /// the response of the request with the highest index (nil: none, or it kept no text)
    public private(set) var lastResponse: String?

    public init() {}

    public init(_ requests: [RequestResult]) {
        for request in requests { add(request) }
    }

    /// The tallies of every configuration of an in-memory bundle, in its order.
    public static func of(_ bundle: ResultBundle) -> [RequestTally] {
        bundle.configurations.map { RequestTally($0.requests) }
    }

    /// measured requests seen
    public var requests: Int { distributions.requests }

    public mutating func add(_ request: RequestResult) {
        distributions.add(request)
        for (metric, value) in request.metrics where value.isFinite {
            let sum = sums[metric] ?? (0, 0)
            sums[metric] = (sum.total + value, sum.count + 1)
        }
        if lastIndex.map({ request.index > $0 }) ?? true {
            lastIndex = request.index
            lastResponse = request.response
        }
    }

    /// The mean of a metric over the requests that define it; nil when none does.
    public func mean(_ metric: MetricID) -> Double? {
        guard let sum = sums[metric], sum.count > 0 else { return nil }
        return sum.total / Double(sum.count)
    }
}
