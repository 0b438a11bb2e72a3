import EdgeBenchCore
import Testing

/// `cold_ttft` (METRICS.md "Cold start") from a load and the request sent after it.
@Suite struct ColdStartMetricsTests {
    static func instant(_ seconds: Double) -> Instant { Instant(nanoseconds: UInt64(seconds * 1e9)) }

    static func record(submit: Double, first: Double?) -> RequestRecord {
        RequestRecord(
            submittedAt: instant(submit), chunks: first.map { [RequestRecord.Chunk(at: instant($0), count: 1)] } ?? [],
            completion: Completion(at: instant((first ?? submit) + 1)), text: "", requestedMaxTokens: 8)
    }

    @Test func coldTTFTIsTheLoadTimePlusTheTTFT() {
        // a 2 s load, the request sent 0.25 s after it, its first token 0.5 s after that
        let load = ColdLoad(start: Self.instant(10), end: Self.instant(12), pid: 4242)
        #expect(load.seconds == 2)
        #expect(ColdStartMetrics.coldTTFT(load: load, record: Self.record(submit: 12.25, first: 12.75)) == 2.5)
        // no token, no t_first: no TTFT to add
        #expect(ColdStartMetrics.coldTTFT(load: load, record: Self.record(submit: 12.25, first: nil)) == nil)
    }

    @Test func theMetricsAreDefinedAsMETRICSmdSays() {
        #expect(MetricID(rawValue: "cold_ttft") == .coldTTFT)
        #expect(MetricID(rawValue: "cold_energy") == .coldEnergy)
        #expect(MetricID.coldTTFT.unit == .seconds)
        #expect(MetricID.coldEnergy.unit == .joules)
        #expect(MetricID.coldTTFT.definition == "load_time + ttft of a request that found the model unloaded")
        #expect(MetricID.coldEnergy.definition == "energy from the load request's start to t_first")
        #expect(MetricID.coldTTFT.scope == .request)
        #expect(MetricID.coldEnergy.scope == .request)
        #expect(MetricID.coldTTFT.defaultDirection == .minimize)
        #expect(MetricID.coldEnergy.defaultDirection == .minimize)
        #expect(MetricID.coldTTFT.isLatency)
        // measured ones, after the per-configuration metrics and before the derived ones
        #expect(MetricID.measured.suffix(2) == [.coldTTFT, .coldEnergy])
    }
}
