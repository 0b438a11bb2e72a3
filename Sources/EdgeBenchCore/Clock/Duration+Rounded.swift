/// Intervals enter as numbers (plan keys, flags) and are `Duration` from there on. Rounded to the
/// nanosecond so that the decimal a user wrote is the duration kept: `Duration.seconds(0.1)` is
/// 100_000_000_000_000_005 attoseconds, `rounded(seconds: 0.1)` is exactly `.milliseconds(100)`.
extension Duration {
    /// nil for a value that is not a finite number of seconds within ±292 years (Int64 nanoseconds).
    public static func rounded(seconds: Double) -> Duration? {
        let nanoseconds = (seconds * 1e9).rounded()
        guard nanoseconds.isFinite, abs(nanoseconds) < 9.2e18 else { return nil }
        return .nanoseconds(Int64(nanoseconds))
    }

    public static func rounded(milliseconds: Double) -> Duration? { rounded(seconds: milliseconds / 1000) }

    /// The period of a rate: 20 Hz → 50 ms; nil for a rate that is not positive and finite.
    public static func period(hertz: Double) -> Duration? {
        guard hertz > 0, hertz.isFinite else { return nil }
        return rounded(seconds: 1 / hertz)
    }

    /// This duration in seconds, for arithmetic on `Instant` and for reports.
    public var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
