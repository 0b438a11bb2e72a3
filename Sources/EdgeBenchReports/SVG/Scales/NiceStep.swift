import Foundation

/// A tick step of 1, 2 or 5 × 10^k. Kept as mantissa and exponent so multiples are computed
/// exactly (3 × 0.1 as 3 / 10 = 0.3, not 0.30000000000000004, which would print as a label).
struct NiceStep: Sendable {
    let mantissa: Int
    let exponent: Int

    /// The smallest 1-2-5 step that divides `span` into at most about `intervals` parts.
    init(span: Double, intervals: Int) {
        let raw = span > 0 && span.isFinite ? span / Double(Swift.max(intervals, 1)) : 1
        var exponent = Int(log10(raw).rounded(.down))
        let normalised = raw / Scale.decade(exponent)
        let mantissa: Int
        if normalised <= 1 {
            mantissa = 1
        } else if normalised <= 2 {
            mantissa = 2
        } else if normalised <= 5 {
            mantissa = 5
        } else {
            mantissa = 1
            exponent += 1
        }
        self.mantissa = mantissa
        self.exponent = exponent
    }

    var value: Double { Double(mantissa) * Scale.decade(exponent) }

    func multiple(_ index: Int) -> Double {
        let count = Double(index * mantissa)
        return exponent >= 0 ? count * Scale.decade(exponent) : count / Scale.decade(-exponent)
    }
}
