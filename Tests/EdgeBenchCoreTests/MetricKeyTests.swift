import EdgeBenchCore
import Foundation
import Testing

@Suite struct MetricKeyTests {
    @Test func parsesAMetricOrOneOfItsStatistics() throws {
        #expect(try MetricKey(parsing: "decode_rate") == MetricKey(.decodeRate))
        #expect(try MetricKey(parsing: " ttft.p90 ") == MetricKey(.ttft, .p90))
        #expect(try MetricKey(parsing: "volume") == MetricKey(.volume))
        #expect(MetricKey(.ttft, .p90).description == "ttft.p90")
        #expect(MetricKey(.e2eThroughput).description == "e2e_throughput")
    }

    @Test func unknownTextNamesWhatIsKnown() {
        #expect(throws: MetricKeyError.unknownMetric("tokens_per_second")) { try MetricKey(parsing: "tokens_per_second") }
        #expect(throws: MetricKeyError.unknownStatistic(key: "ttft.p95", statistic: "p95")) {
            try MetricKey(parsing: "ttft.p95")
        }
        #expect(MetricKeyError.unknownMetric("x").description.hasPrefix(
            "unknown metric 'x'; the metrics are ttft, e2e_latency, decode_time, decode_rate,"))
        #expect(MetricKeyError.unknownStatistic(key: "ttft.p95", statistic: "p95").description
            == "'ttft.p95': unknown statistic 'p95'; write METRIC for the mean or METRIC.STAT with STAT one of "
            + "median, min, max, p50, p90, p99, stddev, cv")
    }

    @Test func aSpreadIsBetterSmallAndACVIsARatio() {
        #expect(MetricKey(.decodeRate).defaultDirection == .maximize)
        #expect(MetricKey(.decodeRate, .p90).defaultDirection == .maximize)
        #expect(MetricKey(.decodeRate, .stddev).defaultDirection == .minimize)
        #expect(MetricKey(.decodeRate, .cv).defaultDirection == .minimize)
        #expect(MetricKey(.decodeRate, .cv).unit == .ratio)
        #expect(MetricKey(.ttft, .p99).unit == .seconds)
        #expect(MetricKey(.nOut).defaultDirection == nil)
    }

    @Test func scopesSplitTheOneVocabulary() {
        #expect(MetricID.measured.count + MetricID.derived.count == MetricID.allCases.count)
        #expect(MetricID.ttft.scope == .request)
        #expect(MetricID.idlePower.scope == .configuration)
        #expect(MetricID.costPerMtok.scope == .derived)
        #expect(MetricID.allCases.sorted() == MetricID.allCases)
    }

    @Test func aStatisticReadsItsSummaryField() {
        let s = Summary(unit: .seconds, n: 4, mean: 1, median: 0.9, stddev: 0.2, cv: 0.2, min: 0.5, max: 1.8,
                        p50: 0.9, p90: 1.5, p99: 1.79, ci95: nil)
        let values = MetricKey.Statistic.allCases.map { $0.value(in: s) }
        #expect(values == [0.9, 0.5, 1.8, 0.9, 1.5, 1.79, 0.2, 0.2])
    }

    @Test func summariesKeepTheirJSONShape() throws {
        let s = Summary(unit: .tokensPerSecond, n: 1, mean: 5, median: 5, stddev: nil, cv: nil, min: 5, max: 5,
                        p50: 5, p90: 5, p99: 5, ci95: nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode([MetricID.decodeRate: s]), as: UTF8.self)
        #expect(text.hasPrefix("{\"decode_rate\":{"))
        let back = try JSONDecoder().decode([MetricID: Summary].self, from: Data(text.utf8))
        #expect(back == [.decodeRate: s])
        let unknown = Data(text.replacingOccurrences(of: "decode_rate", with: "tokens_per_second").utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([MetricID: Summary].self, from: unknown) }
    }
}
