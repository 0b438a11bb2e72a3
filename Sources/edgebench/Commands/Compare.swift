import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchReports
import EdgeBenchRunner
import Foundation

struct Compare: ParsableCommand {
    /// Not 2: that code means "regressed" here, and a typo must not read as a regression in CI.
    static let comparisonImpossible = ExitCode(1)

    static let configuration = CommandConfiguration(
        abstract: "Compare two runs configuration by configuration, with a regression gate for CI.",
        discussion: """
            BASE and NEW are run directories (edgebench-results/<run id>/) or bundle.json files. Configurations are paired by id; those in only one run are listed as added or removed. For every metric both summarised, the means are compared: the change, the relative change, and whether it is beyond noise by Welch's t-test (two-sided, α = 0.05, from mean, standard deviation and n; with n < 2 on a side no test is possible, and the output says so).

            Verdicts: regressed (worse past the threshold AND beyond noise), improved (better past the threshold AND beyond noise), unchanged (within the threshold), noisy (past the threshold but not beyond noise: measure again with more requests), informational (n_in, n_out and load_time: token counts describe the work, not the speed, and load time depends on the page cache; shown, never gating). A configuration that completed in BASE but not in NEW counts as regressed.

            Thresholds: --threshold METRIC=5% (relative to BASE) or METRIC=50ms / METRIC=0.05 / METRIC=2tok/s (absolute, in the metric's unit; SI when none is written); --threshold default=3% for every metric not named (otherwise 5 %).

            EXIT CODES (package-benchmark's)
              0    every metric within its threshold (or only noisy changes)
              1    the comparison could not be made (unreadable run, bad --threshold or --metrics)
              2    a metric regressed, or a configuration no longer completes
              4    improvements only, no regression
              5    nothing to compare: the runs share no configuration (paired by id), or no metric both have

            Examples:
              edgebench compare edgebench-results/2026-11-20T10-00-00Z edgebench-results/2026-11-23T10-00-00Z
              edgebench compare base/bundle.json new/bundle.json --threshold ttft=50ms --threshold decode_rate=3% --json
            """)

    @Argument(help: "The base run: a run directory or a bundle.json.")
    var base: String

    @Argument(help: "The new run: a run directory or a bundle.json.")
    var new: String

    @Option(
        name: .customLong("threshold"),
        help: "METRIC=5% (relative) or METRIC=50ms (absolute); repeatable; default=N% for metrics not named.")
    var thresholds: [String] = []

    @Option(help: "Only these metrics, METRICS.md ids separated by commas (default: every metric both runs have).")
    var metrics: String?

    @ArgumentParser.Flag(help: "Print the comparison as JSON (values in SI units) and nothing else on stdout.")
    var json = false

    func run() throws {
        let parsedThresholds: [MetricThreshold]
        let parsedMetrics: [MetricID]?
        let baseBundle: ResultBundle
        let newBundle: ResultBundle
        do {
            parsedThresholds = try thresholds.map { text throws(ThresholdError) in try MetricThreshold(parsing: text) }
            parsedMetrics = try metrics.map(Self.metricList)
            // Welch's test needs each side's mean, standard deviation and n: the summaries, never the requests.
            baseBundle = try RunSelection.reader(at: base).header
            newBundle = try RunSelection.reader(at: new).header
        } catch let error as ValidationError {
            Stderr.error(error.message)
            throw Self.comparisonImpossible
        } catch {
            Stderr.error(String(describing: error))
            throw Self.comparisonImpossible
        }
        let comparison = RunComparison.compare(
            base: baseBundle, new: newBundle, thresholds: parsedThresholds, metrics: parsedMetrics)
        if json {
            FileHandle.standardOutput.write(try CompareJSON.encode(comparison))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(CompareText.render(comparison))
        }
        if comparison.exitCode != 0 { throw ExitCode(comparison.exitCode) }
    }

    static func metricList(_ text: String) throws -> [MetricID] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw ValidationError("--metrics is empty; list METRICS.md ids separated by commas, e.g. ttft,decode_rate")
        }
        return try names.map { name in
            guard let id = MetricID(rawValue: name) else {
                throw ValidationError(
                    "--metrics: '\(name)' is not a METRICS.md id; use one of "
                        + MetricID.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return id
        }
    }
}
