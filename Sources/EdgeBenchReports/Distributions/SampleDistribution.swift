import Histogram

/// The values of one metric over many requests, for a box plot, in memory that does not grow without
/// bound: exact up to `exactLimit` values (8 MB), then a histogram with three significant digits
/// (HdrHistogram, nanosecond units: about 0.1 % resolution) that never grows. A run of a few thousand
/// requests is drawn from its exact values; a bundle of a million requests (63 million ITL gaps) from
/// the histogram, with its exact min, max and count.
public struct SampleDistribution: Sendable {
    /// Values kept exactly before folding into the histogram.
    public static let exactLimit = 1 << 20
    /// Histogram units per value unit: values are s, the histogram counts ns.
    static let unitsPerSecond = 1e9
    /// an hour in ns: longer values are counted at this bound (min and max stay exact)
    static let highestTrackable: UInt64 = 3_600_000_000_000

    /// the exact values, until there are more than `exactLimit`
    private(set) var exact: [Double] = []
    private(set) var histogram: Histogram<UInt64>?
    /// `histogram != nil`, kept apart: testing the optional copies the histogram's storage references in
    /// and out on every value (a sixth of `report`'s CPU on 6.3 million ITL gaps)
    private var folded = false
    public private(set) var count = 0
    public private(set) var min = Double.infinity
    public private(set) var max = -Double.infinity
    let exactLimit: Int

    /// `exactLimit` other than the default is for tests (to reach the histogram with few values).
    public init(exactLimit: Int = SampleDistribution.exactLimit) {
        self.exactLimit = exactLimit
    }

    public init(_ values: [Double], exactLimit: Int = SampleDistribution.exactLimit) {
        self.init(exactLimit: exactLimit)
        for value in values { add(value) }
    }

    /// Whether the values are held exactly (false: quantiles come from the histogram).
    public var isExact: Bool { !folded }

    /// Adds one value; a non-finite one is not a measurement and is skipped.
    public mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        count += 1
        if value < min { min = value }
        if value > max { max = value }
        if !folded {
            exact.append(value)
            if exact.count > exactLimit { fold() }
        } else {
            _ = histogram!.record(Self.units(value))
        }
    }

    private mutating func fold() {
        var folding = Histogram<UInt64>(highestTrackableValue: Self.highestTrackable, numberOfSignificantValueDigits: .three)
        for value in exact { _ = folding.record(Self.units(value)) }
        histogram = folding
        folded = true
        exact = []
    }

    private static func units(_ value: Double) -> UInt64 {
        // latencies are not negative; one that is (a clock bug upstream) is counted at 0
        let units = (value * unitsPerSecond).rounded()
        return UInt64(units <= 0 ? 0 : Swift.min(units, Double(highestTrackable)))
    }

    /// The box in another unit (s → ms for printing): exact values are scaled before the quantiles are
    /// taken, so the page reads as it did when it was drawn from the requests themselves.
    public func boxStatistics(scaledBy factor: Double) -> BoxStatistics? {
        histogram == nil ? BoxStatistics(samples: exact.map { $0 * factor }) : boxStatistics?.scaled(by: factor)
    }

    /// The box plot's numbers: exact from the values, or from the histogram.
    public var boxStatistics: BoxStatistics? {
        guard let histogram else { return BoxStatistics(samples: exact) }
        guard count > 0 else { return nil }
        func seconds(_ units: UInt64) -> Double { Swift.min(Swift.max(Double(units) / Self.unitsPerSecond, min), max) }
        let p25 = seconds(histogram.valueAtPercentile(25))
        let median = seconds(histogram.valueAtPercentile(50))
        let p75 = seconds(histogram.valueAtPercentile(75))
        let reach = 1.5 * (p75 - p25)
        let (lowFence, highFence) = (p25 - reach, p75 + reach)
        var lowerWhisker: Double?
        var upperWhisker = min
        var low: [Double] = []
        var high: [Double] = []
        // bucket by bucket, ascending: each bucket's values read as its upper edge (clamped to min…max)
        for bucket in histogram.recordedValues() {
            let value = seconds(bucket.value)
            if value < lowFence {
                if low.count < BoxStatistics.outliersKept { low.append(contentsOf: repeatElement(value, count: Swift.min(Int(bucket.count), BoxStatistics.outliersKept - low.count))) }
            } else if value > highFence {
                if high.count < BoxStatistics.outliersKept { high.append(contentsOf: repeatElement(value, count: Swift.min(Int(bucket.count), BoxStatistics.outliersKept - high.count))) }
            } else {
                if lowerWhisker == nil { lowerWhisker = value }
                upperWhisker = value
            }
        }
        return BoxStatistics(
            n: count, min: min, p25: p25, median: median, p75: p75, max: max,
            lowerWhisker: lowerWhisker ?? min, upperWhisker: upperWhisker, outliers: low + high)
    }
}
