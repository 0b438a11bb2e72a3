import EdgeBenchCore

/// One request's members as `RequestElement.read(into:)` leaves them: the metrics in fixed slots (one per
/// measured metric, no dictionary), the gaps, the flags, the response. A walk over a bundle reuses one
/// value for every request, so reading a request allocates nothing but its response text and flags.
public struct RequestFields {
    public internal(set) var index = 0
    /// by `Self.slots` position; NaN where the request has none (JSON holds no NaN)
    var metrics: [Double]
    public internal(set) var itl: [Double] = []
    public internal(set) var flags: [Flag] = []
    public internal(set) var response: String?

    /// the metrics a request may hold (derived ones are the analysis's, never a measurement), in slot order
    static let slots: [MetricID] = MetricID.measured
    static let slot: [MetricID: Int] = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, $0) })
    /// each slot's name as bytes, to match member names without building strings
    static let names: [[UInt8]] = slots.map { Array($0.rawValue.utf8) }
    /// the store's metric columns, as slots
    static let columnSlots: [Int] = RequestColumns.metrics.map { slot[$0]! }
    static let ttftSlot = slot[.ttft]!
    static let itlSlot = slot[.itl]!

    public init() {
        metrics = Array(repeating: .nan, count: Self.slots.count)
    }

    mutating func reset() {
        index = 0
        for slot in metrics.indices { metrics[slot] = .nan }
        itl.removeAll(keepingCapacity: true)
        flags.removeAll(keepingCapacity: true)
        response = nil
    }

    /// A metric's value, nil when the request has none.
    public subscript(metric: MetricID) -> Double? {
        guard let slot = Self.slot[metric] else { return nil }
        return value(slot)
    }

    public var ttft: Double? { value(Self.ttftSlot) }

    @inline(__always) func value(_ slot: Int) -> Double? {
        let value = metrics[slot]
        return value.isNaN ? nil : value
    }

    /// The request these members make.
    public var result: RequestResult {
        var dictionary: [MetricID: Double] = [:]
        for (slot, metric) in Self.slots.enumerated() where !metrics[slot].isNaN { dictionary[metric] = metrics[slot] }
        return RequestResult(index: index, metrics: dictionary, itl: itl, flags: flags, response: response)
    }
}
