import Foundation

/// Number formatting for people (tables) and for machines (CSV).
enum NumberText {
    /// "45.7 ± 1.2": the spread gets two significant digits and the mean is rounded to the same
    /// decimal place, so no digit is printed that the spread says is noise. Without a spread the
    /// mean gets four significant digits.
    static func meanAndSpread(_ mean: Double, _ stddev: Double?) -> String {
        guard mean.isFinite else { return ReportColumns.missing }
        // a spread below a billionth of the mean is rounding noise of a constant (a manual meter's watts):
        // "6.4", not "6.40000 ± 0.00000"
        guard let stddev, stddev.isFinite, stddev > abs(mean) * 1e-9 else {
            return fixed(mean, decimals: decimals(for: mean, significant: 4))
        }
        // never more digits for the mean than six significant ones: a tiny spread is not worth 12 decimals
        let places = min(decimals(for: stddev, significant: 2), max(decimals(for: mean, significant: 6), 0))
        return "\(fixed(mean, decimals: places)) ± \(fixed(stddev, decimals: places))"
    }

    /// Decimal places that show `significant` significant digits of `value`.
    static func decimals(for value: Double, significant: Int) -> Int {
        guard value != 0, value.isFinite else { return 0 }
        let magnitude = Int(floor(log10(abs(value))))
        return max(0, significant - 1 - magnitude)
    }

    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        // "-0.0" reads as a sign error
        if Double(text) == 0 { return String(format: "%.\(decimals)f", 0.0) }
        return text
    }

    /// A CSV number: integers without a decimal point, others with 12 significant digits
    /// (far beyond any measurement's precision, short of binary noise like 0.050000000000000044).
    static func csv(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.12g", value)
    }
}
