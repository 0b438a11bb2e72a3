import EdgeBenchCore

/// The five numbers a box shows, from raw samples.
///
/// Whiskers are Tukey's: they reach the most extreme sample within 1.5 × IQR of the box; samples
/// beyond are outliers, drawn as dots. Quantiles interpolate linearly between order statistics
/// (Core's `Statistics.percentile`, Hyndman & Fan type 7, as every other percentile EdgeBench prints).
public struct BoxStatistics: Sendable, Equatable {
    public var n: Int
    public var min: Double
    public var p25: Double
    public var median: Double
    public var p75: Double
    public var max: Double
    public var lowerWhisker: Double
    public var upperWhisker: Double
    public var outliers: [Double]

    /// Outlier dots drawn per box: thousands of ITL outliers would bloat the page.
    public static let outliersKept = 50

    public init(
        n: Int, min: Double, p25: Double, median: Double, p75: Double, max: Double, lowerWhisker: Double,
        upperWhisker: Double, outliers: [Double]
    ) {
        self.n = n
        self.min = min
        self.p25 = p25
        self.median = median
        self.p75 = p75
        self.max = max
        self.lowerWhisker = lowerWhisker
        self.upperWhisker = upperWhisker
        self.outliers = outliers
    }

    public init?(samples: [Double]) {
        let sorted = samples.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        n = sorted.count
        min = first
        max = last
        p25 = Statistics.percentile(sorted: sorted, 0.25)
        median = Statistics.percentile(sorted: sorted, 0.5)
        p75 = Statistics.percentile(sorted: sorted, 0.75)
        let reach = 1.5 * (p75 - p25)
        let (lowFence, highFence) = (p25 - reach, p75 + reach)
        lowerWhisker = sorted.first { $0 >= lowFence } ?? first
        upperWhisker = sorted.last { $0 <= highFence } ?? last
        outliers = sorted.filter { $0 < lowFence || $0 > highFence }
    }

    /// The same box in another unit (e.g. s → ms for printing).
    public func scaled(by factor: Double) -> BoxStatistics {
        BoxStatistics(
            n: n, min: min * factor, p25: p25 * factor, median: median * factor, p75: p75 * factor, max: max * factor,
            lowerWhisker: lowerWhisker * factor, upperWhisker: upperWhisker * factor,
            outliers: outliers.map { $0 * factor })
    }
}
