/// Thins a long series for storing or drawing without losing its peaks.
///
/// Lives in Core because the runner thins the power timeline it puts in the bundle and the reports thin
/// what they draw: one rule for both, so a stored timeline is never thinned differently a second time.
public enum MinMaxThinning {
    /// Indices of at most `limit` of `count` values, ascending: the first and last, and for each of
    /// (limit − 2) / 2 equal-count buckets of the rest, its minimum and its maximum in time order.
    /// A spike (which averaging would flatten) therefore always survives. All indices when
    /// `count <= limit` (or `limit < 4`, too few to keep both ends and one bucket).
    public static func indices(count: Int, limit: Int, value: (Int) -> Double) -> [Int] {
        guard count > limit, limit >= 4 else { return Array(0..<count) }
        let interiorCount = count - 2
        let bucketCount = (limit - 2) / 2
        var output: [Int] = [0]
        output.reserveCapacity(limit)
        for bucket in 0..<bucketCount {
            let lower = 1 + bucket * interiorCount / bucketCount
            let upper = 1 + (bucket + 1) * interiorCount / bucketCount
            guard lower < upper else { continue }
            var minIndex = lower
            var maxIndex = lower
            for index in lower..<upper {
                let v = value(index)
                if v < value(minIndex) { minIndex = index }
                if v > value(maxIndex) { maxIndex = index }
            }
            if minIndex == maxIndex {
                output.append(minIndex)
            } else {
                output.append(Swift.min(minIndex, maxIndex))
                output.append(Swift.max(minIndex, maxIndex))
            }
        }
        output.append(count - 1)
        return output
    }
}
