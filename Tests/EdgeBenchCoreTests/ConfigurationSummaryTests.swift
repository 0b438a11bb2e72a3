import EdgeBenchCore
import Testing

@Suite("ConfigurationSummary")
struct ConfigurationSummaryTests {
    func request(_ i: Int, e2e: Double, rate: Double?, itl: [Double] = [], flags: [Flag] = []) -> RequestResult {
        var metrics: [MetricID: Double] = [.e2eLatency: e2e, .nOut: 10]
        if let rate { metrics[.decodeRate] = rate }
        return RequestResult(index: i, metrics: metrics, itl: itl, flags: flags)
    }

    @Test func summarizesEveryMetricPresentAndPoolsITL() throws {
        let requests = (0..<5).map { request($0, e2e: 1.0, rate: 10, itl: [0.1, 0.2]) }
            + [request(5, e2e: 1.0, rate: nil, itl: [0.3])]
        let (summary, flags) = ConfigurationSummary.build(
            requests: requests, extra: [.loadTime: 2.5, .requestRate: 0.8])
        #expect(Set(summary.keys) == [.e2eLatency, .nOut, .decodeRate, .itl, .loadTime, .requestRate])
        #expect(summary[.decodeRate]?.n == 5)
        #expect(summary[.e2eLatency]?.n == 6)
        let itl = try #require(summary[.itl])
        #expect(itl.n == 11)
        #expect(itl.unit == .seconds)
        #expect(itl.max == 0.3)
        #expect(close(itl.mean, 1.8 / 11))
        let load = try #require(summary[.loadTime])
        #expect(load.n == 1)
        #expect(load.mean == 2.5)
        #expect(load.unit == .seconds)
        #expect(summary[.requestRate]?.unit == .requestsPerSecond)
        #expect(flags.isEmpty)
    }

    @Test func fewerThanFiveRequestsAreFewSamples() {
        let requests = (0..<4).map { request($0, e2e: 1, rate: 10) }
        #expect(ConfigurationSummary.build(requests: requests).flags == [.fewSamples])
        // a failed configuration with no measured request: nothing to be rough about, so no few_samples
        #expect(ConfigurationSummary.build(requests: []).flags == [])
        #expect(ConfigurationSummary.build(requests: []).summary.isEmpty)
    }

    @Test func spreadAboveTenPercentIsUnstable() {
        // decode_rate 9, 11, 9, 11, 10: sd = sqrt(4/4) = 1, cv = 0.1 → stable (not above)
        let stable = [9.0, 11, 9, 11, 10].enumerated().map { request($0.offset, e2e: 1, rate: $0.element) }
        #expect(ConfigurationSummary.build(requests: stable).flags == [])
        // e2e 1, 1, 1, 1, 2: cv = 0.447/1.2 ≈ 0.37 → unstable
        let noisy = [1.0, 1, 1, 1, 2].enumerated().map { request($0.offset, e2e: $0.element, rate: 10) }
        #expect(ConfigurationSummary.build(requests: noisy).flags == [.unstable])
    }

    @Test func requestFlagsCarryOverSortedAndUnique() {
        let requests = [
            request(0, e2e: 1, rate: 10, flags: [.stoppedEarly]),
            request(1, e2e: 1, rate: 10, flags: [.stoppedEarly, .estimated]),
            request(2, e2e: 1, rate: 10, flags: [.clientServerDisagreement]),
            request(3, e2e: 1, rate: 10, flags: [.noTokens]),
            request(4, e2e: 1, rate: 10),
        ]
        #expect(ConfigurationSummary.build(requests: requests).flags == [
            .clientServerDisagreement, .estimated, .noTokens, .stoppedEarly,
        ])
    }
}
