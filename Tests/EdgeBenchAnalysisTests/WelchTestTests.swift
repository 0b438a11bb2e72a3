import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchAnalysis

@Suite struct WelchTestTests {
    static func summary(mean: Double, stddev: Double?, n: Int) -> Summary {
        Summary(
            unit: .tokensPerSecond, n: n, mean: mean, median: mean, stddev: stddev, cv: nil, min: mean, max: mean,
            p50: mean, p90: mean, p99: mean, ci95: nil)
    }

    /// base: mean 10, s 2, n 4 → v_base = 4 / 4 = 1
    /// new:  mean 12, s 3, n 9 → v_new  = 9 / 9 = 1
    /// t  = (12 − 10) / √(1 + 1) = 2 / √2 = √2 = 1.414214
    /// df = (1 + 1)² / (1² / 3 + 1² / 8) = 4 / (11 / 24) = 96 / 11 = 8.727273
    /// p  = 2 · P(T > 1.414214; df 8.727273) = 0.191967 (scipy.stats.t.sf × 2)
    @Test func unequalVariancesAndSizesHandComputed() throws {
        let outcome = WelchTest.run(
            base: Self.summary(mean: 10, stddev: 2, n: 4), new: Self.summary(mean: 12, stddev: 3, n: 9))
        let test = try #require(outcome.test)
        #expect(abs(test.t - 2.0.squareRoot()) < 1e-12)
        #expect(abs(test.degreesOfFreedom - 96.0 / 11.0) < 1e-12)
        #expect(abs(test.p - 0.191967) < 1e-5)
        #expect(!test.isSignificant)
        #expect(outcome.isSignificant == false)
    }

    /// Equal n = 6 and s = √3 on both sides: v = 3 / 6 = 0.5 each, so the standard error is √(0.5 + 0.5) = 1
    /// and df = (1)² / (0.25 / 5 + 0.25 / 5) = 10. With the means 2.228 apart, t = 2.228 = t(0.975, 10) from
    /// a printed t table, so the two-sided p is 0.05; at 3.169 = t(0.995, 10), p = 0.01.
    @Test(arguments: [(2.228, 0.05), (3.169, 0.01)])
    func pMatchesTTable(difference: Double, expectedP: Double) throws {
        let s = 3.0.squareRoot()
        let test = try #require(
            WelchTest.run(
                base: Self.summary(mean: 20, stddev: s, n: 6),
                new: Self.summary(mean: 20 - difference, stddev: s, n: 6)
            ).test)
        #expect(abs(test.t + difference) < 1e-12)  // the new mean is lower: t is negative
        #expect(abs(test.degreesOfFreedom - 10) < 1e-12)
        #expect(abs(test.p - expectedP) < 1e-4)
    }

    @Test func significanceIsStrictlyBelowAlpha() {
        #expect(WelchTest(t: 3, degreesOfFreedom: 10, p: 0.049).isSignificant)
        #expect(!WelchTest(t: 2, degreesOfFreedom: 10, p: 0.05).isSignificant)
        #expect(WelchTest.name == "Welch's t-test, two-sided, α = 0.05")
    }

    @Test func fewerThanTwoMeasurementsOnASideGiveNoTest() {
        let outcome = WelchTest.run(
            base: Self.summary(mean: 10, stddev: nil, n: 1), new: Self.summary(mean: 12, stddev: 1, n: 5))
        #expect(outcome.test == nil)
        #expect(outcome.isSignificant == nil)
        guard case .notPossible(let why) = outcome else {
            Issue.record("expected no test, got \(outcome)")
            return
        }
        #expect(why.contains("n = 1 in the base and n = 5 in the new run"))
        #expect(why.contains("at least 2 measurements on each side"))
    }

    @Test func noSpreadOnEitherSide() throws {
        let same = try #require(
            WelchTest.run(base: Self.summary(mean: 5, stddev: 0, n: 3), new: Self.summary(mean: 5, stddev: 0, n: 4)).test)
        #expect(same.p == 1)
        #expect(same.t == 0)
        #expect(same.degreesOfFreedom == 5)
        let different = try #require(
            WelchTest.run(base: Self.summary(mean: 5, stddev: 0, n: 3), new: Self.summary(mean: 4, stddev: 0, n: 3)).test)
        #expect(different.p == 0)
        #expect(different.t == -.infinity)
    }
}
