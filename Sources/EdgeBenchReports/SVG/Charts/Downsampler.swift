import EdgeBenchCore

/// One sample of a time series: time in s (monotonic clock), value in the series' SI unit.
public struct TimePoint: Sendable, Equatable {
    public var time: Double
    public var value: Double

    public init(time: Double, value: Double) {
        self.time = time
        self.value = value
    }
}

/// Thins long series for drawing without losing peaks (the rule is Core's `MinMaxThinning`, shared with
/// the runner's stored power timeline).
public enum Downsampler {
    /// At most `limit` points: the first and last, and each equal-count bucket's minimum and maximum.
    public static func minMax(_ points: [TimePoint], limit: Int) -> [TimePoint] {
        MinMaxThinning.indices(count: points.count, limit: limit) { points[$0].value }.map { points[$0] }
    }
}
