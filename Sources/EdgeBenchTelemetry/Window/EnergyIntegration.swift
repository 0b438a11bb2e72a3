import EdgeBenchCore

/// Energy of a window from instantaneous power samples (METRICS.md, Power and energy):
/// the trapezoidal integral of P(t) over [a, b], with P linearly interpolated at a and b.
public enum EnergyIntegration {
    /// - Parameter samples: (instant, watts), in any order.
    /// - Returns: joules and the number of samples with a ≤ t ≤ b; nil when the samples do not
    ///   reach both edges (no sample at or before `a`, or none at or after `b`), because
    ///   extrapolating would invent energy, or when `b < a`.
    public static func trapezoid(samples: [(Instant, Double)], from start: Instant, to end: Instant) -> (joules: Double, count: Int)? {
        guard end >= start else { return nil }
        let sorted = samples.sorted { $0.0 < $1.0 }
        guard let first = sorted.first, let last = sorted.last, first.0 <= start, last.0 >= end else { return nil }

        var points: [(Instant, Double)] = [(start, value(in: sorted, at: start))]
        var count = 0
        for sample in sorted where sample.0 >= start && sample.0 <= end {
            count += 1
            if sample.0 > start && sample.0 < end { points.append(sample) }
        }
        points.append((end, value(in: sorted, at: end)))

        var joules = 0.0
        for index in 1..<points.count {
            let (t0, p0) = points[index - 1]
            let (t1, p1) = points[index]
            joules += (p0 + p1) / 2 * t1.seconds(since: t0)
        }
        return (joules, count)
    }

    /// P(t) by linear interpolation between the samples around `t` (sorted, and spanning t).
    static func value(in sorted: [(Instant, Double)], at t: Instant) -> Double {
        // Last sample at or before t; the guard in `trapezoid` ensures one exists.
        var low = 0
        for index in sorted.indices where sorted[index].0 <= t { low = index }
        let (t0, p0) = sorted[low]
        if t0 == t || low + 1 >= sorted.count { return p0 }
        let (t1, p1) = sorted[low + 1]
        let span = t1.seconds(since: t0)
        guard span > 0 else { return p1 }
        return p0 + (p1 - p0) * t.seconds(since: t0) / span
    }
}
