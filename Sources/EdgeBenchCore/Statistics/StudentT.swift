import Foundation

/// Student's t distribution, enough of it for confidence intervals of a mean.
///
/// The CDF comes from the regularized incomplete beta function (continued fraction, Lentz's method);
/// the quantile inverts it by bisection to machine precision, so any degrees of freedom (not just
/// a printed table's rows) give the exact value.
public enum StudentT {
    /// P(T ≤ t) for `degreesOfFreedom` > 0.
    public static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        precondition(df > 0, "Student t needs degrees of freedom > 0, got \(df)")
        if t.isNaN { return .nan }
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        let tail = 0.5 * regularizedIncompleteBeta(x: df / (df + t * t), a: df / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = `p`, for 0 < p < 1 (e.g. `quantile(0.975, degreesOfFreedom: 9)` = 2.2622).
    public static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        precondition(p > 0 && p < 1, "Student t quantile needs 0 < p < 1, got \(p)")
        precondition(df > 0, "Student t needs degrees of freedom > 0, got \(df)")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: df) }
        // Bracket, then bisect: the CDF is monotone, so this cannot miss.
        var low = 0.0
        var high = 1.0
        while cdf(high, degreesOfFreedom: df) < p {
            low = high
            high *= 2
            if high > 1e300 { return .infinity }
        }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if mid == low || mid == high { break }
            if cdf(mid, degreesOfFreedom: df) < p { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }

    /// I_x(a, b), Numerical Recipes §6.4.
    static func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lnBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let lnPowers: Double = a * log(x) + b * log(1 - x)
        let front: Double = exp(lnPowers - lnBeta)
        // The continued fraction converges fast only on one side of the mean; use the symmetry otherwise.
        if x < (a + 1) / (a + b + 2) {
            return front * betaContinuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - front * betaContinuedFraction(x: 1 - x, a: b, b: a) / b
    }

    private static func betaContinuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-16
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }
}
