import EdgeBenchCore
import Testing

@Suite("Statistics (METRICS.md Statistics)")
struct StatisticsTests {
    @Test func emptyHasNoSummary() {
        #expect(Statistics.summarize([], unit: .seconds) == nil)
    }

    @Test func oneToFour() throws {
        let s = try #require(Statistics.summarize([4, 1, 3, 2], unit: .seconds))
        #expect(s.unit == .seconds)
        #expect(s.n == 4)
        #expect(s.mean == 2.5)
        #expect(s.median == 2.5)
        #expect(s.min == 1)
        #expect(s.max == 4)
        // numpy.percentile([1, 2, 3, 4], [50, 90, 99]) → 2.5, 3.7, 3.97
        #expect(s.p50 == 2.5)
        #expect(close(s.p90, 3.7))
        #expect(close(s.p99, 3.97))
        // sqrt(5/3)
        #expect(close(s.stddev, 1.2909944487358056))
        #expect(close(s.cv, 0.5163977794943222))
        // 2.5 ± t(0.975, 3) · s / 2 = 2.5 ± 2.0542602567605206
        let ci = try #require(s.ci95)
        try #require(ci.count == 2)
        #expect(close(ci[0], 2.5 - 2.0542602567605206, tolerance: 1e-9))
        #expect(close(ci[1], 2.5 + 2.0542602567605206, tolerance: 1e-9))
    }

    @Test func oneValueHasNoSpread() throws {
        let s = try #require(Statistics.summarize([0.42], unit: .tokensPerSecond))
        #expect(s == Summary(
            unit: .tokensPerSecond, n: 1, mean: 0.42, median: 0.42, stddev: nil, cv: nil,
            min: 0.42, max: 0.42, p50: 0.42, p90: 0.42, p99: 0.42, ci95: nil))
    }

    @Test func constantValuesHaveZeroSpread() throws {
        let s = try #require(Statistics.summarize([3, 3, 3], unit: .seconds))
        #expect(s.stddev == 0)
        #expect(s.cv == 0)
        #expect(s.ci95 == [3, 3])
    }

    @Test func zeroMeanHasNoCV() throws {
        let s = try #require(Statistics.summarize([-1, 1], unit: .seconds))
        #expect(s.cv == nil)
        #expect(close(s.stddev, 2.0.squareRoot()))
    }

    @Test func percentilesInterpolateBetweenClosestRanks() {
        let x: [Double] = [10, 20, 30, 40, 50]
        #expect(Statistics.percentile(sorted: x, 0) == 10)
        #expect(Statistics.percentile(sorted: x, 1) == 50)
        #expect(Statistics.percentile(sorted: x, 0.5) == 30)
        #expect(close(Statistics.percentile(sorted: x, 0.9), 46))  // h = 3.6
        #expect(close(Statistics.percentile(sorted: x, 0.99), 49.6))  // h = 3.96
        #expect(Statistics.percentile(sorted: [7], 0.99) == 7)
    }

    @Test(arguments: [
        (1.0, 12.706204736174694),
        (2.0, 4.302652729749462),
        (3.0, 3.1824463052837078),
        (4.0, 2.7764451051977934),
        (9.0, 2.262157162798205),
        (29.0, 2.045229642132703),
        (100.0, 1.9839715185235518),
        (1000.0, 1.9623390808264083),
    ])
    func studentTQuantileMatchesTables(df: Double, expected: Double) {
        // expected values from scipy.stats.t.ppf(0.975, df)
        #expect(close(StudentT.quantile(0.975, degreesOfFreedom: df), expected, tolerance: 1e-9))
    }

    @Test func studentTQuantileIsSymmetricAndInvertsTheCDF() {
        #expect(close(StudentT.quantile(0.025, degreesOfFreedom: 4), -2.7764451051977934, tolerance: 1e-9))
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 7) == 0)
        // scipy.stats.t.ppf(0.995, 0.5): fractional degrees of freedom work too
        #expect(close(StudentT.quantile(0.995, degreesOfFreedom: 0.5), 4113.964588804174, tolerance: 1e-6))
        #expect(close(StudentT.cdf(2.262157162798205, degreesOfFreedom: 9), 0.975, tolerance: 1e-12))
        #expect(StudentT.cdf(0, degreesOfFreedom: 3) == 0.5)
    }
}
