import Foundation

/// A mapping from data values to a 0…1 position along an axis, with "nice" ticks.
///
/// Domains are always finite and non-degenerate: empty data gets 0…1, a single value gets a
/// padded domain around it, so no chart ever divides by a zero span and emits NaN.
public struct Scale: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case linear
        case log10
    }

    public let kind: Kind
    public let lower: Double
    public let upper: Double
    public let ticks: [ScaleTick]

    public init(kind: Kind, lower: Double, upper: Double, ticks: [ScaleTick]) {
        self.kind = kind
        self.lower = lower
        self.upper = upper
        self.ticks = ticks
    }

    /// The scale a chart should use for `values`.
    ///
    /// Rule: log10 when there are at least two finite values, all of them > 0, and
    /// max / min ≥ 100 (they span two decades or more); linear otherwise. Two decades is where a
    /// linear axis squeezes the small values into an unreadable strip near zero.
    public static func auto(_ values: [Double], includeZero: Bool = false, padding: Double = 0) -> Scale {
        prefersLog(values) ? log10(values) : linear(values, includeZero: includeZero, padding: padding)
    }

    public static func prefersLog(_ values: [Double]) -> Bool {
        let finite = values.filter(\.isFinite)
        guard finite.count >= 2, let low = finite.min(), let high = finite.max(), low > 0 else { return false }
        return high / low >= 100
    }

    /// Linear scale with 1-2-5 steps, about five intervals, the domain widened to whole steps.
    /// `padding` widens the data span by that fraction on each side first (so bubbles at the
    /// extremes are not cut in half by the frame).
    public static func linear(_ values: [Double], includeZero: Bool = false, padding: Double = 0) -> Scale {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if includeZero {
            low = Swift.min(low, 0)
            high = Swift.max(high, 0)
        }
        let allNonNegative = finite.allSatisfy { $0 >= 0 }
        if high == low {
            // one value: half its magnitude either side, or 0…1 when it is zero
            let half = low == 0 ? 1 : abs(low) / 2
            low -= half
            high += half
            if allNonNegative { low = Swift.max(low, 0) }
        } else if padding > 0 {
            let pad = (high - low) * padding
            low -= pad
            high += pad
            // a padded axis for non-negative quantities (power, throughput) must not dip below 0
            if allNonNegative { low = Swift.max(low, 0) }
        }
        let step = NiceStep(span: high - low, intervals: 5)
        let first = Int((low / step.value).rounded(.down))
        let last = Int((high / step.value).rounded(.up))
        let ticks = (first...Swift.max(last, first + 1)).map { ScaleTick(value: step.multiple($0), isMajor: true) }
        return Scale(kind: .linear, lower: ticks[0].value, upper: ticks[ticks.count - 1].value, ticks: ticks)
    }

    /// Log10 scale over whole decades. Decades are major ticks; 2× and 5× are minor ticks.
    /// Non-positive values are ignored (they have no place on a log axis); with none left the
    /// scale falls back to linear.
    public static func log10(_ values: [Double]) -> Scale {
        let positive = values.filter { $0.isFinite && $0 > 0 }
        guard let low = positive.min(), let high = positive.max() else { return linear(values) }
        var firstDecade = Int(Foundation.log10(low).rounded(.down))
        var lastDecade = Int(Foundation.log10(high).rounded(.up))
        // log10 of an exact power of ten can land a hair off; snap it
        if decade(firstDecade + 1) <= low { firstDecade += 1 }
        if decade(lastDecade - 1) >= high { lastDecade -= 1 }
        if lastDecade <= firstDecade {
            firstDecade -= decade(firstDecade) == low ? 1 : 0
            lastDecade = Swift.max(lastDecade, firstDecade + 1)
        }
        var ticks: [ScaleTick] = []
        for exponent in firstDecade...lastDecade {
            ticks.append(ScaleTick(value: decade(exponent), isMajor: true))
            guard exponent < lastDecade else { continue }
            ticks.append(ScaleTick(value: 2 * decade(exponent), isMajor: false))
            ticks.append(ScaleTick(value: 5 * decade(exponent), isMajor: false))
        }
        return Scale(kind: .log10, lower: decade(firstDecade), upper: decade(lastDecade), ticks: ticks)
    }

    /// 10^exponent, exact for negative exponents too (1/1000 rounds correctly; pow(10, -3) need not).
    static func decade(_ exponent: Int) -> Double {
        exponent >= 0 ? pow(10, Double(exponent)) : 1 / pow(10, Double(-exponent))
    }

    /// Position of `value` along the axis, 0 at `lower` and 1 at `upper`; nil where the value has
    /// no position (not finite, or ≤ 0 on a log axis). Values outside the domain extrapolate.
    public func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch kind {
        case .linear:
            return (value - lower) / (upper - lower)
        case .log10:
            guard value > 0 else { return nil }
            return (Foundation.log10(value) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        }
    }

    /// Ticks that should carry a text label: all majors, and minors only where there are few
    /// decades (beyond three the 2/5 labels collide).
    public var labelledTicks: [ScaleTick] {
        let decades = ticks.filter(\.isMajor).count - 1
        return ticks.filter { $0.isMajor || decades <= 3 }
    }
}

/// One tick: major ticks get grid lines and labels; minor ticks are lighter.
public struct ScaleTick: Sendable, Equatable {
    public var value: Double
    public var isMajor: Bool

    public init(value: Double, isMajor: Bool) {
        self.value = value
        self.isMajor = isMajor
    }
}

extension Scale {
    static func log10Value(_ value: Double) -> Double { Foundation.log10(value) }
}
