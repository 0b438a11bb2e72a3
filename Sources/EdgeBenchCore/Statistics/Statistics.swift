import Foundation

/// Descriptive statistics of one metric over the measured requests of a configuration (METRICS.md "Statistics").
public enum Statistics {
    /// nil for no values. With one value, stddev, cv and ci95 are nil (there is no spread to speak of).
    public static func summarize(_ values: [Double], unit: MetricUnit) -> Summary? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let n = values.count
        let mean = values.reduce(0, +) / Double(n)

        var stddev: Double?
        var cv: Double?
        var ci95: [Double]?
        if n >= 2 {
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            let s = (squares / Double(n - 1)).squareRoot()
            stddev = s
            if mean != 0 { cv = s / mean }
            let half = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) * s / Double(n).squareRoot()
            ci95 = [mean - half, mean + half]
        }
        let median = percentile(sorted: sorted, 0.5)
        return Summary(
            unit: unit, n: n, mean: mean, median: median, stddev: stddev, cv: cv,
            min: sorted[0], max: sorted[n - 1],
            p50: median, p90: percentile(sorted: sorted, 0.9), p99: percentile(sorted: sorted, 0.99),
            ci95: ci95)
    }

    /// Linear interpolation between closest ranks (Hyndman–Fan type 7, numpy's default):
    /// h = (n − 1)·p, value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). `p` in 0…1, `sorted` ascending, non-empty.
    public static func percentile(sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty, "percentile of no values")
        let h = Double(sorted.count - 1) * Swift.min(Swift.max(p, 0), 1)
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
