import EdgeBenchAnalysis
import EdgeBenchCore
@testable import EdgeBenchReports
import EdgeBenchTesting
import Foundation
import Testing

/// `edgebench compare`'s table and JSON, from the sample run and a copy whose decode rate fell.
@Suite struct CompareRenderingTests {
    static let metricKeys: Set<String> = [
        "metric", "unit", "direction", "base", "new", "n_base", "n_new", "change", "relative_change", "t", "df", "p",
        "beyond_noise", "no_test", "threshold", "beyond_threshold", "verdict",
    ]

    static func slower() -> ResultBundle {
        var new = SampleBundle.bundle
        new.run.id = "run-2"
        new.configurations[0].summary[.decodeRate] = SampleBundle.summary(.tokensPerSecond, mean: 50, stddev: 1.2)
        // a single value on the new side: no test possible for it
        new.configurations[0].summary[.ttft] = Summary(
            unit: .seconds, n: 1, mean: 0.3, median: 0.3, stddev: nil, cv: nil, min: 0.3, max: 0.3, p50: 0.3, p90: 0.3,
            p99: 0.3, ci95: nil)
        return new
    }

    static let comparison = RunComparison.compare(base: SampleBundle.bundle, new: slower())

    @Test func textNamesTheRunsEveryMetricAndTheVerdict() {
        let text = CompareText.render(Self.comparison)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "run-2 (new) against run-1 (base): means, \(WelchTest.name); default threshold ±5 %")
        #expect(lines.contains("managed/smollm2/short"))
        let header = try? #require(lines.first { $0.hasPrefix("  metric") })
        #expect(header?.split(separator: " ").map(String.init) == ["metric", "base", "new", "change", "change", "%", "p", "threshold", "verdict"])
        let decode = lines.first { $0.hasPrefix("  decode_rate") }
        #expect(decode?.hasSuffix("regressed") == true, "\(decode ?? "")")
        #expect(decode?.contains("-24.6 %") == true, "(50 − 66.3) / 66.3: \(decode ?? "")")
        #expect(lines.contains { $0.hasPrefix("  p n/a for ") && $0.contains("ttft") }, "\(text)")
        #expect(lines.last == Self.comparison.verdictLine)
        #expect(Self.comparison.exitCode == 2)
    }

    /// A small change is visible in the base and new columns: 1.364 → 1.357 (−0.5 %) printed to one
    /// decimal read "1.4 → 1.4" (or "1.4 → 1.3" across a rounding edge), a change nobody could see.
    @Test func baseAndNewGetTheDecimalsTheirChangeNeeds() {
        #expect(CompareText.changeTexts(base: 1.364, new: 1.357, change: -0.007) == ("1.3640", "1.3570", "-0.0070"))
        #expect(CompareText.changeTexts(base: 152.2, new: 151.7, change: -0.5) == ("152.20", "151.70", "-0.50"))
        // a large change keeps the usual places
        #expect(CompareText.changeTexts(base: 66.3, new: 50, change: -16.3) == ("66.3", "50.0", "-16.3"))
        #expect(CompareText.changeTexts(base: 0.25, new: 0.3, change: 0.05) == ("0.250", "0.300", "0.050"))
        // never more than six significant digits of the larger value
        #expect(CompareText.changeTexts(base: 1.0, new: 1.0 + 1e-12, change: 1e-12) == ("1.00000", "1.00000", "0.00000"))
    }

    @Test func pIsABoundBelowAThousandth() {
        #expect(CompareText.pText(0.0004) == "<0.001")
        #expect(CompareText.pText(0.0123) == "0.012")
    }

    /// Every key of every metric row, null where undefined, so a CI script reads it without guessing.
    @Test func jsonWritesEveryKeyOfEveryRow() throws {
        let data = try CompareJSON.encode(Self.comparison)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(document.keys) == [
            "base", "new", "test", "default_threshold", "configurations", "added", "removed", "notes", "verdict", "exit_code",
        ])
        #expect(document["base"] as? String == "run-1")
        #expect(document["new"] as? String == "run-2")
        #expect(document["exit_code"] as? Int == 2)
        let configurations = try #require(document["configurations"] as? [[String: Any]])
        let rows = try #require(configurations.first?["metrics"] as? [[String: Any]])
        #expect(!rows.isEmpty)
        for row in rows { #expect(Set(row.keys) == Self.metricKeys, "\(row)") }

        let decode = try #require(rows.first { $0["metric"] as? String == "decode_rate" })
        #expect(decode["verdict"] as? String == "regressed")
        #expect(decode["base"] as? Double == 66.3)
        #expect(decode["new"] as? Double == 50)
        #expect(decode["beyond_noise"] as? Bool == true)
        #expect(decode["no_test"] is NSNull)
        let threshold = try #require(decode["threshold"] as? [String: Any])
        #expect(threshold["kind"] as? String == "relative" && threshold["value"] as? Double == 0.05)

        let ttft = try #require(rows.first { $0["metric"] as? String == "ttft" })
        #expect(ttft["t"] is NSNull && ttft["df"] is NSNull && ttft["p"] is NSNull, "\(ttft)")
        #expect(ttft["no_test"] is String, "\(ttft)")
    }

    @Test func informationalMetricsHaveNoThreshold() throws {
        let document = CompareJSON.document(Self.comparison)
        let nOut = try #require(document.configurations.first?.metrics.first { $0.metric == "n_out" })
        #expect(nOut.direction == "informational")
        #expect(nOut.threshold == nil)
        let data = try CompareJSON.encode(Self.comparison)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"threshold\" : null"))
    }
}
