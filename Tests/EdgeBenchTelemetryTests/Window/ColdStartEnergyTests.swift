import EdgeBenchCore
import Testing

@testable import EdgeBenchTelemetry

/// `cold_energy` (METRICS.md "Cold start"): the energy of [load start, t_first], from the same power series
/// every energy window uses, next to `cold_ttft`.
@Suite struct ColdStartEnergyTests {
    static let meter = SourceDescription(id: "plug", kind: "shelly", boundary: .wallAC, detail: "test")
    static let rapl = SourceDescription(id: "rapl", kind: "rapl", boundary: .cpuPackage, detail: "test")

    static func at(_ seconds: Double) -> Instant { Instant(nanoseconds: UInt64(seconds * 1e9)) }

    /// A sample every 0.5 s from `from` to `to` s, each `value(t)`.
    static func series(
        from: Double = 0, to: Double = 10, source: SourceDescription = meter, quantity: Quantity = .power,
        plausibility: PowerPlausibility? = nil, _ value: (Double) -> Double
    ) -> PowerSeries? {
        let times = stride(from: from, through: to, by: 0.5)
        let samples = times.map { Sample(at: at($0), source: source.id, reading: Reading(channel: "p", quantity: quantity, value: value($0))) }
        return PowerSeries(samples: samples, source: source, channel: "p", quantity: quantity, plausibility: plausibility)
    }

    static func record(submit: Double, first: Double?) -> RequestRecord {
        RequestRecord(
            submittedAt: at(submit), chunks: first.map { [RequestRecord.Chunk(at: at($0), count: 1)] } ?? [],
            completion: Completion(at: at((first ?? submit) + 1)), text: "", requestedMaxTokens: 8)
    }

    @Test func aConstantFiveWattsOverATwoSecondLoadAndAHalfSecondTTFTIs12Point5Joules() throws {
        let series = try #require(Self.series { _ in 5 })
        let load = ColdLoad(start: Self.at(1), end: Self.at(3))
        let (metrics, flags) = ColdStartMetrics.compute(load: load, record: Self.record(submit: 3, first: 3.5), series: series)
        #expect(metrics == [.coldTTFT: 2.5, .coldEnergy: 12.5])
        #expect(flags == [])
    }

    /// The window runs from the load's start to t_first: the pause between the load's end and the request's
    /// submission counts in the energy (the device drew it), not in `cold_ttft` (load_time + ttft).
    @Test func theGapBetweenLoadAndRequestCountsInTheEnergyNotTheTTFT() throws {
        let series = try #require(Self.series { _ in 5 })
        let load = ColdLoad(start: Self.at(1), end: Self.at(3))
        let (metrics, _) = ColdStartMetrics.compute(load: load, record: Self.record(submit: 3.25, first: 3.75), series: series)
        #expect(metrics == [.coldTTFT: 2.5, .coldEnergy: 13.75])
    }

    @Test func aCounterGivesItsDifference() throws {
        // 10 W as a cumulative counter in J
        let counter = try #require(Self.series(source: Self.rapl, quantity: .energyCounter) { 10 * $0 })
        let load = ColdLoad(start: Self.at(0.5), end: Self.at(2))
        let (metrics, _) = ColdStartMetrics.compute(load: load, record: Self.record(submit: 2, first: 2.5), series: counter)
        #expect(metrics == [.coldTTFT: 2, .coldEnergy: 20])
    }

    @Test func withoutPowerOrCoverageThereIsOnlyTheTTFT() throws {
        let load = ColdLoad(start: Self.at(1), end: Self.at(3))
        let record = Self.record(submit: 3, first: 3.5)
        #expect(ColdStartMetrics.compute(load: load, record: record, series: nil) == ([.coldTTFT: 2.5], []))
        // samples from 2 s on: the load's start is not covered, and nothing is extrapolated
        let late = try #require(Self.series(from: 2) { _ in 5 })
        #expect(ColdStartMetrics.compute(load: load, record: record, series: late) == ([.coldTTFT: 2.5], []))
        // no token: neither metric
        let series = try #require(Self.series { _ in 5 })
        #expect(ColdStartMetrics.compute(load: load, record: Self.record(submit: 3, first: nil), series: series) == ([:], []))
    }

    @Test func anImpossibleSampleInTheWindowLeavesNoEnergyAndSaysSo() throws {
        let plausibility = PowerPlausibility(ceiling: 100, basis: "test")
        let series = try #require(Self.series(plausibility: plausibility) { $0 == 2 ? 885_000 : 5 })
        let load = ColdLoad(start: Self.at(1), end: Self.at(3))
        let (metrics, flags) = ColdStartMetrics.compute(load: load, record: Self.record(submit: 3, first: 3.5), series: series)
        #expect(metrics == [.coldTTFT: 2.5])
        #expect(flags == [.implausibleSamples])
    }
}
