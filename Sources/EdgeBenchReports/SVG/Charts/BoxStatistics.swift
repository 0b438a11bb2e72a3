/// The five numbers a box shows, from raw samples.
///
/// Whiskers are Tukey's: they reach the most extreme sample within 1.5 × IQR of the box; samples
/// beyond are outliers, drawn as dots. Quantiles interpolate linearly between order statistics
/// (Hyndman & Fan type 7, the default of R and NumPy).
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

    public init?(samples: [Double]) {
        let sorted = samples.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        n = sorted.count
        min = first
        max = last
        p25 = Self.quantile(sorted: sorted, 0.25)
        median = Self.quantile(sorted: sorted, 0.5)
        p75 = Self.quantile(sorted: sorted, 0.75)
        let reach = 1.5 * (p75 - p25)
        let (lowFence, highFence) = (p25 - reach, p75 + reach)
        lowerWhisker = sorted.first { $0 >= lowFence } ?? first
        upperWhisker = sorted.last { $0 <= highFence } ?? last
        outliers = sorted.filter { $0 < lowFence || $0 > highFence }
    }

    /// Type-7 quantile of already sorted, non-empty values: h = (n − 1)·p, interpolated between
    /// the neighbouring order statistics.
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return .nan }
        guard sorted.count > 1 else { return first }
        let h = Double(sorted.count - 1) * Swift.min(Swift.max(p, 0), 1)
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
