import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation
import Testing

@testable import EdgeBenchReports

/// The report's "Load levels" section: one table per engine × model × workload, a row per level with
/// its throughput, latency percentiles, goodput and failures; absent when nothing ran at a level.
@Suite struct LoadReportTests {
    static func level(_ suffix: String, _ load: LoadLevel, rate: Double, output: Double, ttft: Double, goodput: Double) -> ConfigurationResult {
        var result = HTMLFixture.configuration(
            "cpu/llama3.2/short@\(suffix)", device: HTMLFixture.pi5, offloadFraction: 0,
            metrics: [.requestRate: rate, .systemOutputRate: output, .ttft: ttft, .goodput: goodput, .requestErrors: 0,
                      .requestTimeouts: 1, .concurrencyAchieved: 3.5, .energyPerToken: 0.5, .e2eThroughput: 5])
        result.load = load
        return result
    }

    @Test func eachLevelIsARowWithItsFigures() throws {
        let bundle = HTMLFixture.bundle([
            Self.level("sync", .synchronous, rate: 0.5, output: 32, ttft: 0.2, goodput: 0.5),
            Self.level("c4", .concurrent(4), rate: 1.5, output: 96, ttft: 0.6, goodput: 1.25),
        ])
        let html = HTMLReport.render(bundles: [bundle], analysis: try HTMLFixture.analysis(bundle))
        let section = try #require(html.range(of: "<section id=\"load\">").map { String(html[$0.lowerBound...]) })
        let table = String(section[..<(section.range(of: "</table>")?.upperBound ?? section.endIndex)])
        #expect(table.contains("<caption>cpu/llama3.2/short</caption>"))
        // level, requests, req/s, tok/s, in flight, TTFT p50/p90/p99 (ms), ITL p99, e2e, goodput, errors, timeouts, J/token
        #expect(table.contains("<td>concurrent 4</td><td>10</td><td>1.500</td><td>96.00</td><td>3.500</td><td>600.0 / 600.0 / 600.0</td>"))
        #expect(table.contains("<td>1.250</td><td>0</td><td>1</td><td>0.5000</td>"))
        #expect(section.contains("id=\"chart-load\""))
    }

    @Test func aRunWithoutLevelsHasNoLoadSection() throws {
        let bundle = HTMLFixture.bundle()
        #expect(!HTMLReport.render(bundles: [bundle], analysis: try HTMLFixture.analysis(bundle)).contains("id=\"load\""))
    }
}
