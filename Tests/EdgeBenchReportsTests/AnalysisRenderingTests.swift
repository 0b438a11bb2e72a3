import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchReports
import EdgeBenchTesting
import Foundation
import Testing

/// `edgebench analyze`'s text and JSON for the sample run (one completed, one failed configuration).
@Suite struct AnalysisRenderingTests {
    static func report(scenario: Scenario? = nil) throws -> AnalysisReport {
        Analysis.analyze(
            bundles: [SampleBundle.bundle], objectives: try Objective.parseList(Analysis.defaultObjectives),
            scenario: scenario)
    }

    @Test func textHasEverySection() throws {
        let text = AnalysisText.render(try Self.report())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Configurations (1 completed)")
        #expect(lines[1].hasPrefix("  [1] managed/smollm2/short: no device; llama.cpp via managed; "), "\(lines[1])")
        for heading in ["Derived metrics (METRICS.md)", "Not compared (did not complete)", "Parameters"] {
            #expect(lines.contains(heading), "\(heading) in\n\(text)")
        }
        #expect(lines.contains { $0.hasPrefix("Pareto front (") })
        #expect(lines.contains { $0.hasPrefix("  openai/gemma3/short (failed): engine at http://127.0.0.1:8080") })
        let decode = try #require(lines.first { $0.hasPrefix("  decode_rate") })
        #expect(decode.hasSuffix("66.3"), "\(decode)")
        #expect(lines.contains { $0.contains("n/a volume") && $0.contains("no device") }, "\(text)")
        #expect(!lines.contains("Ranking"), "no scenario, no ranking")
    }

    @Test func textWithAScenarioRanks() throws {
        let text = AnalysisText.render(try Self.report(scenario: Scenario.named("interactive")))
        #expect(text.contains("\nRanking\n"), "\(text)")
    }

    @Test func jsonHoldsEveryKeyAndTheMetricsInSIUnits() throws {
        let data = try AnalysisJSON.encode(try Self.report())
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(document.keys) == [
            "configurations", "failed", "pareto", "dominated", "not_compared", "accelerator_gains", "ranking",
            "parameters", "notes", "objectives", "objective_choice", "balanced", "price_basis", "price_basis_reason",
        ])
        // objectives given, so none chosen; a front of one has nothing to weigh
        #expect(document["objective_choice"] is NSNull)
        #expect(document["ranking"] is NSNull)
        let configuration = try #require((document["configurations"] as? [[String: Any]])?.first)
        #expect(configuration["id"] as? String == "managed/smollm2/short")
        #expect(configuration["device"] is NSNull)
        #expect((configuration["metrics"] as? [String: Any])?["decode_rate"] as? Double == 66.3)
        #expect((configuration["not_available"] as? [String: Any])?["volume"] is String)
        let failed = try #require((document["failed"] as? [[String: Any]])?.first)
        #expect(failed["id"] as? String == "openai/gemma3/short")
        #expect(failed["status"] as? String == "failed")
    }
}
