import EdgeBenchCore
import EdgeBenchReports
import Testing

/// Box plots from distributions gathered one value at a time: exact while the values fit, from the
/// histogram (3 significant digits) beyond, with n, min and max exact either way.
@Suite struct SampleDistributionTests {
    /// 10,000 ITL-like gaps in s: a body around 12 ms, and every 500th a 90 ms stall (an outlier).
    static let gaps: [Double] = (0..<10_000).map { (i: Int) -> Double in
        let stall: Double = 0.09 + Double(i) * 1e-7
        let body: Double = 0.012 + Double((i * 7_919) % 1_000) * 1e-6
        return i % 500 == 499 ? stall : body
    }

    @Test func belowTheLimitTheBoxIsTheExactOne() {
        let distribution = SampleDistribution(Self.gaps)
        #expect(distribution.isExact)
        #expect(distribution.count == 10_000)
        #expect(distribution.boxStatistics == BoxStatistics(samples: Self.gaps))
    }

    @Test func nonFiniteValuesAreNotCounted() {
        let distribution = SampleDistribution([0.5, .nan, .infinity, 0.25])
        #expect(distribution.count == 2)
        #expect(distribution.boxStatistics == BoxStatistics(samples: [0.5, 0.25]))
    }

    @Test func beyondTheLimitTheBoxComesFromTheHistogram() throws {
        let distribution = SampleDistribution(Self.gaps, exactLimit: 100)
        #expect(!distribution.isExact)
        let box = try #require(distribution.boxStatistics)
        let exact = try #require(BoxStatistics(samples: Self.gaps))
        #expect(box.n == 10_000)
        #expect(box.min == exact.min)
        #expect(box.max == exact.max)
        // three significant digits: every quantile within a bucket (0.1 %) of the exact, interpolated one
        for (a, b) in [(box.p25, exact.p25), (box.median, exact.median), (box.p75, exact.p75),
                       (box.lowerWhisker, exact.lowerWhisker), (box.upperWhisker, exact.upperWhisker)] {
            #expect(abs(a - b) <= 0.002 * b, "\(a) vs \(b)")
        }
        // the 20 stalls are the outliers, read at the histogram's resolution
        #expect(exact.outliers.count == 20)
        #expect(box.outliers.count == 20)
        for (a, b) in zip(box.outliers, exact.outliers) { #expect(abs(a - b) <= 0.002 * b) }
    }

    @Test func manyOutliersKeepOnlyWhatIsDrawn() throws {
        // half the values far above the rest: thousands of outliers, 50 kept per side
        let values = (0..<4_000).map { (i: Int) -> Double in i % 8 == 0 ? 5.0 + Double(i) * 1e-3 : 0.01 }
        let box = try #require(SampleDistribution(values, exactLimit: 10).boxStatistics)
        #expect(box.outliers.count == BoxStatistics.outliersKept)
        #expect(box.outliers.allSatisfy { $0 >= 5.0 })
    }

    @Test func requestDistributionsPoolEveryGap() {
        let requests = [
            RequestResult(index: 0, metrics: [.ttft: 0.2], itl: [0.01, 0.02], flags: []),
            RequestResult(index: 1, metrics: [:], itl: [0.03], flags: [.noTokens]),
        ]
        let gathered = RequestDistributions(requests)
        #expect(gathered.requests == 2)
        #expect(gathered.ttft.boxStatistics == BoxStatistics(samples: [0.2]))
        #expect(gathered.itl.boxStatistics == BoxStatistics(samples: [0.01, 0.02, 0.03]))
    }
}
