/// Counts and durations as servers write them. They are decoded as any JSON number, not as `Int`: a
/// server that sends 2^63 or 1e20 has sent valid JSON, and whether the number can be true is
/// `ServerReportCheck`'s judgement (`server_count_implausible`), not a parse error.
enum WireNumber {
    /// The count as an `Int`, clamped to its range (a clamped count is far beyond any plausible one).
    static func count(_ value: Double?) -> Int? {
        guard let value else { return nil }
        guard value.isFinite else { return value > 0 ? .max : .min }
        if value >= 9.223_372_036_854_775e18 { return .max }
        if value <= -9.223_372_036_854_775e18 { return .min }
        return Int(value.rounded(.towardZero))
    }
}
