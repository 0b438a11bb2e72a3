import EdgeBenchCore

// Tests write metric keys as users do ("ttft.p90"); a typo fails the test at once.
extension MetricKey: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        do { try self.init(parsing: text) } catch { fatalError("\(error)") }
    }
}

extension MetricID: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        guard let id = MetricID(rawValue: text) else { fatalError("unknown metric '\(text)'") }
        self = id
    }
}
