/// One sample of a time series: time in s (monotonic clock), value in the series' SI unit.
public struct TimePoint: Sendable, Equatable {
    public var time: Double
    public var value: Double

    public init(time: Double, value: Double) {
        self.time = time
        self.value = value
    }
}

/// Thins long series for drawing without losing peaks.
public enum Downsampler {
    /// At most `limit` points: the first and last points, and for each of (limit − 2) / 2
    /// equal-count buckets of the rest, its minimum and maximum in time order. A power spike
    /// (which averaging would flatten) therefore always survives.
    public static func minMax(_ points: [TimePoint], limit: Int) -> [TimePoint] {
        guard points.count > limit, limit >= 4 else { return points }
        let interior = points[1..<(points.count - 1)]
        let bucketCount = (limit - 2) / 2
        var output: [TimePoint] = [points[0]]
        output.reserveCapacity(limit)
        let start = interior.startIndex
        for bucket in 0..<bucketCount {
            let lower = start + bucket * interior.count / bucketCount
            let upper = start + (bucket + 1) * interior.count / bucketCount
            guard lower < upper else { continue }
            var minIndex = lower
            var maxIndex = lower
            for index in lower..<upper {
                if points[index].value < points[minIndex].value { minIndex = index }
                if points[index].value > points[maxIndex].value { maxIndex = index }
            }
            if minIndex == maxIndex {
                output.append(points[minIndex])
            } else {
                output.append(points[min(minIndex, maxIndex)])
                output.append(points[max(minIndex, maxIndex)])
            }
        }
        output.append(points[points.count - 1])
        return output
    }
}
