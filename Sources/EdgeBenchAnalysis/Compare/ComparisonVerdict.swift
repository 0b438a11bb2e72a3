/// What one metric's change between two runs amounts to.
public enum ComparisonVerdict: String, Sendable, Equatable, CaseIterable {
    /// worse by more than the threshold, and beyond noise
    case regressed
    /// better by more than the threshold, and beyond noise
    case improved
    /// within the threshold
    case unchanged
    /// past the threshold but not beyond noise (or no test was possible): measure again with more requests
    case noisy
    /// a metric without a better direction (ChangeDirection.informational): shown, never gates
    case informational

    /// From the three facts a verdict rests on. `beyondNoise` nil (no test possible) never confirms a change.
    public static func of(
        direction: ChangeDirection, base: Double, new: Double, beyondThreshold: Bool, beyondNoise: Bool?
    ) -> ComparisonVerdict {
        if direction == .informational { return .informational }
        guard beyondThreshold else { return .unchanged }
        guard beyondNoise == true else { return .noisy }
        if direction.isWorse(new, than: base) { return .regressed }
        if direction.isBetter(new, than: base) { return .improved }
        return .unchanged
    }
}
