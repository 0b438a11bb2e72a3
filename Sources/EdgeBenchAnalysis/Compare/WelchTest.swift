import EdgeBenchCore
import Foundation

/// Welch's unequal-variances t-test on two means, from their summaries alone (mean, stddev, n): the
/// bundles keep statistics, and the test needs nothing more.
///
///     vᵢ = sᵢ² / nᵢ,  t = (mean_new − mean_base) / √(v_base + v_new)
///     df = (v_base + v_new)² / (v_base² / (n_base − 1) + v_new² / (n_new − 1))   (Welch–Satterthwaite)
///     p  = 2 · (1 − F_t(|t|; df))                                               (two-sided)
public struct WelchTest: Sendable, Equatable {
    /// Significance level: p below it is "beyond noise".
    public static let alpha = 0.05
    /// How the test is named wherever its result is shown.
    public static let name = "Welch's t-test, two-sided, α = 0.05"

    /// positive when the new mean is larger
    public var t: Double
    public var degreesOfFreedom: Double
    /// two-sided
    public var p: Double

    public init(t: Double, degreesOfFreedom: Double, p: Double) {
        self.t = t
        self.degreesOfFreedom = degreesOfFreedom
        self.p = p
    }

    /// p < α: the difference of the means is unlikely to be run-to-run noise alone.
    public var isSignificant: Bool { p < Self.alpha }

    /// The test of `new` against `base`, or why there is none.
    public static func run(base: Summary, new: Summary) -> WelchOutcome {
        guard base.n >= 2, new.n >= 2 else {
            return .notPossible(
                "no test possible: n = \(base.n) in the base and n = \(new.n) in the new run; "
                    + "a t-test needs at least 2 measurements on each side to estimate their spread")
        }
        guard let sBase = base.stddev, let sNew = new.stddev, sBase.isFinite, sNew.isFinite else {
            return .notPossible("no test possible: a standard deviation is missing from the summaries")
        }
        let vBase = sBase * sBase / Double(base.n)
        let vNew = sNew * sNew / Double(new.n)
        let difference = new.mean - base.mean
        let variance = vBase + vNew
        guard variance > 0 else {
            // No spread on either side: any difference is exact, none is noise. The pooled df is the only
            // one that is defined (Welch–Satterthwaite is 0/0 here).
            let df = Double(base.n + new.n - 2)
            if difference == 0 { return .tested(WelchTest(t: 0, degreesOfFreedom: df, p: 1)) }
            return .tested(WelchTest(t: difference > 0 ? .infinity : -.infinity, degreesOfFreedom: df, p: 0))
        }
        let t = difference / variance.squareRoot()
        let df = variance * variance
            / (vBase * vBase / Double(base.n - 1) + vNew * vNew / Double(new.n - 1))
        let p = 2 * (1 - StudentT.cdf(abs(t), degreesOfFreedom: df))
        return .tested(WelchTest(t: t, degreesOfFreedom: df, p: Swift.min(Swift.max(p, 0), 1)))
    }
}

/// A Welch test's result, or the reason it could not be made.
public enum WelchOutcome: Sendable, Equatable {
    case tested(WelchTest)
    case notPossible(String)

    public var test: WelchTest? {
        if case .tested(let test) = self { return test }
        return nil
    }

    /// Whether the change is beyond noise; nil when no test was possible.
    public var isSignificant: Bool? { test?.isSignificant }
}
