/// One measured request as stored and exported (bundle `requests[]`).
public struct RequestResult: Sendable, Equatable, Codable {
    /// 0-based index among the measured requests of its configuration (warm-up excluded)
    public var index: Int
    /// METRICS.md id → SI value; a metric that is undefined for this request is absent
    public var metrics: [MetricID: Double]
    /// every inter-token latency, s
    public var itl: [Double]
    public var flags: [Flag]
    public var response: String?

    public init(index: Int, metrics: [MetricID: Double], itl: [Double], flags: [Flag], response: String? = nil) {
        self.index = index
        self.metrics = metrics
        self.itl = itl
        self.flags = flags
        self.response = response
    }

    enum CodingKeys: String, CodingKey { case index, metrics, itl, flags, response }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        index = try c.decode(Int.self, forKey: .index)
        let raw = try c.decode([String: Double].self, forKey: .metrics)
        var m: [MetricID: Double] = [:]
        for (k, v) in raw {
            // A derived metric is the analysis's, never a measurement: one in a request is an error too.
            guard let id = MetricID(rawValue: k), id.scope != .derived else {
                throw DecodingError.dataCorruptedError(
                    forKey: .metrics, in: c, debugDescription: "unknown metric id '\(k)'")
            }
            m[id] = v
        }
        metrics = m
        itl = try c.decodeIfPresent([Double].self, forKey: .itl) ?? []
        flags = try c.decodeIfPresent([Flag].self, forKey: .flags) ?? []
        response = try c.decodeIfPresent(String.self, forKey: .response)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(index, forKey: .index)
        // NaN and ±∞ are not JSON: an undefined metric is written as an absent key.
        let finite = metrics.filter { $0.value.isFinite }
        try c.encode(Dictionary(uniqueKeysWithValues: finite.map { ($0.key.rawValue, $0.value) }), forKey: .metrics)
        try c.encode(itl.filter(\.isFinite), forKey: .itl)
        try c.encode(flags, forKey: .flags)
        try c.encodeIfPresent(response, forKey: .response)
    }
}
