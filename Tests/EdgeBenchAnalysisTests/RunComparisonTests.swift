import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchAnalysis

/// Crafted runs whose means and spreads are easy to check by hand.
///
/// - steady 10 tok/s: [10, 10.1, 9.9, 10, 10] → mean 10, s = √(0.02 / 4) = 0.0707
/// - steady 8 tok/s:  the same shifted by −2 → mean 8 (−20 %); t = −2 / √(0.001 + 0.001) = −44.7, df 8, p ≈ 1e-10
/// - steady 10.2 tok/s: shifted by +0.2 → +2 %, p < 0.001 but within 5 %
/// - noisy 10 tok/s: [10, 14, 6, 12, 8] → mean 10, s² = 40 / 4 = 10
/// - noisy 9 tok/s: the same shifted by −1 → −10 %; t = −1 / √(2 + 2) = −0.5, df 8, p = 0.63
/// - TTFT 0.5 s: [0.5, 0.51, 0.49, 0.5, 0.5]; 0.4 s and 0.53 s: the same shifted
@Suite struct RunComparisonTests {
    static let steady10 = [10, 10.1, 9.9, 10, 10]
    static let noisy10 = [10.0, 14, 6, 12, 8]
    static let ttft500ms = [0.5, 0.51, 0.49, 0.5, 0.5]

    static func shifted(_ values: [Double], by delta: Double) -> [Double] { values.map { $0 + delta } }

    static func configuration(
        _ id: String, _ metrics: [MetricID: [Double]], status: ConfigurationResult.Status = .completed,
        error: String? = nil
    ) -> ConfigurationResult {
        var result = AnalysisFixtures.configuration(id, status: status, error: error)
        for (metric, values) in metrics {
            result.summary[metric] = Statistics.summarize(values, unit: metric.unit)
        }
        return result
    }

    static func bundle(_ runID: String, _ configurations: [ConfigurationResult]) -> ResultBundle {
        ResultBundle(
            run: RunInfo(id: runID, startedAt: "2026-11-23T10:00:00Z", edgebenchVersion: "0.1.0", planHash: "abc"),
            environment: Environment(
                hostname: "pi", board: nil, cpuModel: nil, cpuCores: 4, memoryBytes: nil, os: nil, kernel: nil,
                architecture: nil),
            configurations: configurations)
    }

    static func compare(
        _ base: [MetricID: [Double]], _ new: [MetricID: [Double]], thresholds: [String] = []
    ) throws -> RunComparison {
        RunComparison.compare(
            base: bundle("base", [configuration("llama/smollm2/short", base)]),
            new: bundle("new", [configuration("llama/smollm2/short", new)]),
            thresholds: try thresholds.map { text throws(ThresholdError) in try MetricThreshold(parsing: text) })
    }

    static func only(_ comparison: RunComparison, _ metric: MetricID) throws -> MetricComparison {
        let configuration = try #require(comparison.configurations.first)
        return try #require(configuration.metrics.first { $0.metric == metric })
    }

    @Test func regressionBeyondThresholdAndNoiseExits2() throws {
        let comparison = try Self.compare(
            [.decodeRate: Self.steady10], [.decodeRate: Self.shifted(Self.steady10, by: -2)])
        let row = try Self.only(comparison, .decodeRate)
        #expect(abs(row.base - 10) < 1e-12)
        #expect(abs(row.new - 8) < 1e-12)
        #expect(abs(row.change + 2) < 1e-12)
        #expect(abs((row.relativeChange ?? 0) + 0.2) < 1e-12)
        #expect(abs((row.test.test?.t ?? 0) + 2 / 0.002.squareRoot()) < 1e-6)
        #expect(abs((row.test.test?.degreesOfFreedom ?? 0) - 8) < 1e-9)
        #expect((row.p ?? 1) < 1e-6)
        #expect(row.beyondNoise == true)
        #expect(row.verdict == .regressed)
        #expect(comparison.exitCode == 2)
        #expect(comparison.verdictLine
            == "regressed: 1 metric in 1 configuration (llama/smollm2/short decode_rate) — exit 2")
    }

    @Test func onlyImprovementsExit4() throws {
        let comparison = try Self.compare(
            [.ttft: Self.ttft500ms, .decodeRate: Self.steady10],
            [.ttft: Self.shifted(Self.ttft500ms, by: -0.1), .decodeRate: Self.steady10])
        #expect(try Self.only(comparison, .ttft).verdict == .improved)  // lower latency is better: −20 %
        #expect(try Self.only(comparison, .decodeRate).verdict == .unchanged)
        #expect(comparison.exitCode == 4)
        #expect(comparison.verdictLine.hasPrefix("improved: 1 metric (llama/smollm2/short ttft), none regressed"))
    }

    @Test func aRegressionBesideAnImprovementStillExits2() throws {
        let comparison = try Self.compare(
            [.ttft: Self.ttft500ms, .decodeRate: Self.steady10],
            [.ttft: Self.shifted(Self.ttft500ms, by: -0.1), .decodeRate: Self.shifted(Self.steady10, by: -2)])
        #expect(comparison.exitCode == 2)
        #expect(comparison.verdictLine.contains("; 1 metric improved"))
    }

    @Test func withinThresholdIsUnchangedEvenWhenBeyondNoise() throws {
        let comparison = try Self.compare(
            [.decodeRate: Self.steady10], [.decodeRate: Self.shifted(Self.steady10, by: 0.2)])
        let row = try Self.only(comparison, .decodeRate)
        #expect(abs((row.relativeChange ?? 0) - 0.02) < 1e-12)
        #expect(row.beyondNoise == true)
        #expect(!row.beyondThreshold)
        #expect(row.verdict == .unchanged)
        #expect(comparison.exitCode == 0)
        #expect(comparison.verdictLine == "unchanged: 1 metric in 1 configuration within thresholds — exit 0")
    }

    @Test func beyondThresholdWithinNoiseIsNoisyAndExits0() throws {
        let comparison = try Self.compare(
            [.decodeRate: Self.noisy10], [.decodeRate: Self.shifted(Self.noisy10, by: -1)])
        let row = try Self.only(comparison, .decodeRate)
        #expect(abs((row.relativeChange ?? 0) + 0.1) < 1e-12)
        #expect(abs((row.test.test?.t ?? 0) + 0.5) < 1e-12)
        #expect(abs((row.test.test?.degreesOfFreedom ?? 0) - 8) < 1e-9)
        #expect(abs((row.p ?? 0) - 0.6305) < 1e-3)  // scipy: 2 · t.sf(0.5, 8) = 0.63047
        #expect(row.beyondThreshold)
        #expect(row.verdict == .noisy)
        #expect(comparison.exitCode == 0)
        #expect(comparison.verdictLine.contains("1 metric past the threshold but not beyond noise"))
    }

    @Test func singleMeasurementsCannotBeTestedSoNeverGate() throws {
        let comparison = try Self.compare([.requestRate: [1.0]], [.requestRate: [0.5]])
        let row = try Self.only(comparison, .requestRate)
        #expect(row.p == nil)
        #expect(row.beyondNoise == nil)
        #expect(row.verdict == .noisy)
        #expect(comparison.exitCode == 0)
    }

    @Test func absoluteThresholdReplacesTheDefault() throws {
        let base: [MetricID: [Double]] = [.ttft: Self.ttft500ms]
        let new: [MetricID: [Double]] = [.ttft: Self.shifted(Self.ttft500ms, by: 0.03)]  // +30 ms = +6 %
        #expect(try Self.only(Self.compare(base, new), .ttft).verdict == .regressed)
        let loose = try Self.compare(base, new, thresholds: ["ttft=50ms"])
        #expect(try Self.only(loose, .ttft).verdict == .unchanged)
        #expect(loose.exitCode == 0)
        let tight = try Self.compare(base, new, thresholds: ["ttft=0.02"])  // SI: 20 ms
        #expect(try Self.only(tight, .ttft).verdict == .regressed)
    }

    @Test func defaultThresholdCanBeSet() throws {
        let comparison = try Self.compare(
            [.decodeRate: Self.steady10], [.decodeRate: Self.shifted(Self.steady10, by: -2)],
            thresholds: ["default=25%"])
        #expect(comparison.defaultThreshold == .relative(0.25))
        #expect(try Self.only(comparison, .decodeRate).verdict == .unchanged)
        #expect(comparison.exitCode == 0)
    }

    @Test func tokenCountsAreInformational() throws {
        let comparison = try Self.compare(
            [.nOut: [64, 64, 64, 60, 64]], [.nOut: [32, 32, 32, 30, 32]])
        let row = try Self.only(comparison, .nOut)
        #expect(row.direction == .informational)
        #expect(row.verdict == .informational)
        #expect(comparison.exitCode == 0)
        #expect(ChangeDirection.of("load_time") == .informational)
        #expect(ChangeDirection.of("tokens_per_joule") == .higherIsBetter)
        #expect(ChangeDirection.of("energy_per_token") == .lowerIsBetter)
        #expect(ChangeDirection.of("mean_power") == .lowerIsBetter)
    }

    @Test func addedAndRemovedConfigurations() {
        let base = Self.bundle("base", [
            Self.configuration("a/m/short", [.decodeRate: Self.steady10]),
            Self.configuration("b/m/short", [.decodeRate: Self.steady10]),
        ])
        let new = Self.bundle("new", [
            Self.configuration("c/m/short", [.decodeRate: Self.steady10]),
            Self.configuration("b/m/short", [.decodeRate: Self.steady10]),
        ])
        let comparison = RunComparison.compare(base: base, new: new)
        #expect(comparison.baseRunID == "base")
        #expect(comparison.newRunID == "new")
        #expect(comparison.configurations.map(\.id) == ["b/m/short"])
        #expect(comparison.added == ["c/m/short"])
        #expect(comparison.removed == ["a/m/short"])
        #expect(comparison.exitCode == 0)
    }

    @Test func aConfigurationThatStoppedCompletingRegresses() {
        let base = Self.bundle("base", [Self.configuration("a/m/short", [.decodeRate: Self.steady10])])
        let new = Self.bundle(
            "new", [Self.configuration("a/m/short", [:], status: .failed, error: "engine exited with code 137")])
        let comparison = RunComparison.compare(base: base, new: new)
        #expect(comparison.configurations.first?.metrics.isEmpty == true)
        #expect(comparison.broken.map(\.id) == ["a/m/short"])
        #expect(comparison.exitCode == 2)
        #expect(comparison.verdictLine == "regressed: 1 configuration no longer completed (a/m/short) — exit 2")
    }

    @Test func metricsListRestrictsAndOrders() {
        let metrics: [MetricID: [Double]] = [.ttft: Self.ttft500ms, .decodeRate: Self.steady10, .nOut: [64, 64]]
        let comparison = RunComparison.compare(
            base: Self.bundle("base", [Self.configuration("a/m/short", metrics)]),
            new: Self.bundle("new", [Self.configuration("a/m/short", metrics)]),
            metrics: [.decodeRate, .ttft])
        #expect(comparison.configurations.first?.metrics.map(\.metric) == ["decode_rate", "ttft"])
        let all = RunComparison.compare(
            base: Self.bundle("base", [Self.configuration("a/m/short", metrics)]),
            new: Self.bundle("new", [Self.configuration("a/m/short", metrics)]))
        // METRICS.md order
        #expect(all.configurations.first?.metrics.map(\.metric) == ["ttft", "decode_rate", "n_out"])
    }

    @Test func aUnitChangeOrARepeatedIdIsNotedNotCompared() {
        var changed = Self.configuration("a/m/short", [.decodeRate: Self.steady10])
        changed.summary[.decodeRate]?.unit = .requestsPerSecond
        let base = Self.bundle("base", [
            Self.configuration("a/m/short", [.decodeRate: Self.steady10]),
            Self.configuration("a/m/short", [.decodeRate: [1, 2]]),
        ])
        let comparison = RunComparison.compare(base: base, new: Self.bundle("new", [changed]))
        #expect(comparison.configurations.first?.metrics.isEmpty == true)
        #expect(comparison.notes == [
            "the base run holds configuration a/m/short twice; the first was compared",
            "a/m/short: decode_rate not compared: stored in tok/s in the base run and req/s in the new one",
        ])
        // nothing was compared, so the gate must not pass
        #expect(comparison.exitCode == 5)
        #expect(comparison.verdictLine
            == "nothing to compare: 1 configuration in common (a/m/short) but no metric both runs summarised "
            + "(among --metrics, when given) — exit 5")
    }

    /// Two runs of different plans: a gate that said "unchanged: 0 metrics" would pass vacuously.
    @Test func runsWithNoConfigurationInCommonHaveNothingToCompare() {
        let base = Self.bundle("base", [
            Self.configuration("a/m/short", [.decodeRate: Self.steady10]),
            Self.configuration("b/m/short", [.decodeRate: Self.steady10]),
        ])
        let new = Self.bundle("new", (1...6).map { Self.configuration("n\($0)/m/short", [.decodeRate: Self.steady10]) })
        let comparison = RunComparison.compare(base: base, new: new)
        #expect(comparison.configurations.isEmpty)
        #expect(comparison.exitCode == RunComparison.nothingToCompareExitCode)
        #expect(comparison.exitCode == 5)
        #expect(comparison.verdictLine
            == "nothing to compare: the runs share no configuration (configurations are paired by id): base base has "
            + "a/m/short, b/m/short; new new has n1/m/short, n2/m/short, n3/m/short, n4/m/short and 2 more. "
            + "Compare runs of the same plan — exit 5")
    }

    // MARK: - Threshold parsing

    @Test func thresholdsParse() throws {
        #expect(try MetricThreshold(parsing: "ttft=5%").limit == .relative(0.05))
        #expect(try MetricThreshold(parsing: "ttft = 2.5 %").limit == .relative(0.025))
        #expect(try MetricThreshold(parsing: "ttft=50ms").limit == .absolute(0.05))
        #expect(try MetricThreshold(parsing: "ttft=0.05").limit == .absolute(0.05))
        #expect(try MetricThreshold(parsing: "decode_rate=2tok/s").limit == .absolute(2))
        #expect(try MetricThreshold(parsing: "energy_per_token=10mJ/token").limit == .absolute(0.01))
        #expect(try MetricThreshold(parsing: "default=3%").limit == .relative(0.03))
        #expect(try MetricThreshold(parsing: "ttft=50ms").limitText == "±50 ms")
        #expect(try MetricThreshold(parsing: "ttft=0.05").limitText == "±0.05 s")
        #expect(try MetricThreshold(parsing: "decode_rate=5%").description == "decode_rate ±5 %")
    }

    @Test func thresholdExceededBoundaries() {
        let relative = MetricThreshold(metric: "ttft", limit: .relative(0.05))
        #expect(!relative.isExceeded(change: 0.5, base: 10))  // exactly 5 % is within
        #expect(relative.isExceeded(change: -0.51, base: 10))
        #expect(relative.isExceeded(change: 0.1, base: 0))
        #expect(!relative.isExceeded(change: 0, base: 0))
        let absolute = MetricThreshold(metric: "ttft", limit: .absolute(0.05))
        #expect(!absolute.isExceeded(change: -0.04, base: 0.2))
        #expect(absolute.isExceeded(change: 0.06, base: 100))
    }

    @Test func thresholdErrorsSayWhatToWrite() {
        func message(_ text: String) -> String {
            do {
                _ = try MetricThreshold(parsing: text)
                return "parsed"
            } catch {
                return error.description
            }
        }
        #expect(message("ttft")
            == "threshold 'ttft' has no '='; write METRIC=VALUE, e.g. 'ttft=5%' (relative) or 'ttft=50ms' (absolute)")
        #expect(message("latency=5%").hasPrefix(
            "threshold 'latency=5%': 'latency' is not a measured METRICS.md id; use one of ttft, e2e_latency,"))
        // A derived metric is never in a run's summary: naming it would gate nothing.
        #expect(message("volume=5%").hasPrefix("threshold 'volume=5%': 'volume' is not a measured METRICS.md id"))
        #expect(message("ttft=fast")
            == "threshold 'ttft=fast': 'fast' does not start with a number; write e.g. '5%', '50ms' or '0.05'")
        #expect(message("ttft=-5%")
            == "threshold 'ttft=-5%' is negative; a threshold is a distance either way, write it without a sign")
        #expect(message("ttft=5parsecs")
            == "threshold 'ttft=5parsecs': unit 'parsecs' is not known for ttft; use '%' for a relative threshold, "
                + "one of µs, ms, s, min, h, or no unit for SI")
        #expect(message("default=50ms").hasPrefix("threshold 'default=50ms': the default threshold must be relative"))
    }
}
