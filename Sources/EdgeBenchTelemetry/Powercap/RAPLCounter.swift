/// RAPL counters are unsigned and wrap at `max_energy_range_uj`, so energy is only ever the difference of
/// two readings taken less than one wrap apart. The wrap period is short enough to matter: AMD EPYC 7543
/// reports 65 532 610 987 µJ (≈ 65.5 kJ, under 6 minutes at 200 W), Intel 262 143 328 850 µJ (≈ 262 kJ).
extension RAPLSource {
    /// Joules between two readings of one counter, both in J, allowing for one wrap.
    /// - Parameter range: the counter's `max_energy_range_uj` in J; the counter runs 0…range, then restarts at 0.
    /// - Returns: `to − from`, or `(range − from) + to` when the counter went down (it wrapped once).
    ///   More than one wrap between readings cannot be seen in the values; the sampler must read more often
    ///   than `range / peak power` seconds.
    public static func energyDelta(from: Double, to: Double, range: Double) -> Double {
        if to >= from { return to - from }
        return (range - from) + to
    }

    /// Seconds until the counter wraps at a steady `watts`: the longest safe gap between two reads.
    public static func wrapSeconds(range: Double, watts: Double) -> Double? {
        watts > 0 ? range / watts : nil
    }
}
