/// Whether more or less of a metric is better.
public enum OptimizationDirection: String, Sendable, Equatable, CaseIterable {
    case maximize = "max"
    case minimize = "min"

    /// True when `a` is strictly better than `b` in this direction.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        self == .maximize ? a > b : a < b
    }
}
