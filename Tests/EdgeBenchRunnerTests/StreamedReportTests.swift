import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchReports
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchRunner

/// `report`, `analyze` and `recommend` read a real run's bundle without holding its requests: the
/// statistics come from the summaries, the box plots from distributions gathered one request at a
/// time (from the file, or aggregated by the store), and the page is the one the decoded bundle gives.
@Suite struct StreamedReportTests {
    /// A run against the scripted server: every field one EdgeBench really writes.
    static func realRun(in output: URL) async throws -> RunOutcome {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 6))
        let plan = RunnerFixtures.plan([
            RunnerFixtures.configuration(id: "first", url: server.baseURL, repetitions: 7, maxTokens: 6),
            RunnerFixtures.configuration(id: "second", url: server.baseURL, repetitions: 5, maxTokens: 6),
        ])
        let outcome = try await BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: SilentProgress())
            .run(plan)
        await server.stop()
        return outcome
    }

    static func analysis(_ bundles: [ResultBundle]) throws -> AnalysisReport {
        Analysis.analyze(bundles: bundles, objectives: try Objective.parseList(Analysis.defaultObjectives))
    }

    @Test func theStreamedReportIsTheDecodedOne() async throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try await Self.realRun(in: output)
        let decoded = try RunSelection.bundle(at: outcome.directory.path)
        #expect(decoded.configurations.map(\.requests.count) == [7, 5])

        let selected = try RunSelection(runs: [outcome.directory.path]).summaries()
        #expect(selected.bundles.count == 1)
        #expect(selected.bundles[0].configurations.allSatisfy { $0.requests.isEmpty })
        // every statistic the analysis prints comes from the summaries, so it is the same
        let streamedAnalysis = try Self.analysis(selected.bundles)
        let decodedAnalysis = try Self.analysis([decoded])
        #expect(try AnalysisJSON.encode(streamedAnalysis) == AnalysisJSON.encode(decodedAnalysis))
        // distributions gathered request by request: exactly the requests' values
        for configuration in decoded.configurations {
            let gathered = try #require(selected.distributions[0][configuration.id])
            #expect(gathered.requests == configuration.requests.count)
            #expect(gathered.ttft.boxStatistics == BoxStatistics(samples: configuration.requests.compactMap { $0.metrics[.ttft] }))
            #expect(gathered.itl.boxStatistics == BoxStatistics(samples: configuration.requests.flatMap(\.itl)))
            #expect(gathered.itl.count == configuration.requests.flatMap(\.itl).count)
        }
        let streamed = HTMLReport.render(
            bundles: selected.bundles, analysis: streamedAnalysis, distributions: selected.distributions)
        #expect(streamed == HTMLReport.render(bundles: [decoded], analysis: decodedAnalysis))
    }

    @Test func theStoreAggregatesWhatTheBundleHolds() async throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try await Self.realRun(in: output)
        let decoded = try RunSelection.bundle(at: outcome.directory.path)
        let database = output.appendingPathComponent("other.sqlite").path
        let imported = try BundleImporter(databasePath: database).run(files: [outcome.directory.appendingPathComponent("bundle.json")])
        #expect(imported.map(\.result) == [.stored(runID: outcome.runID, configurations: 2)])

        let selected = try RunSelection(database: database).summaries()
        #expect(selected.bundles.map(\.run.id) == [outcome.runID])
        #expect(try AnalysisJSON.encode(Self.analysis(selected.bundles)) == AnalysisJSON.encode(Self.analysis([decoded])))
        for configuration in decoded.configurations {
            let gathered = try #require(selected.distributions[0][configuration.id])
            #expect(gathered.requests == configuration.requests.count)
            // TTFT rows are stored as the doubles they were: exact
            #expect(gathered.ttft.boxStatistics == BoxStatistics(samples: configuration.requests.compactMap { $0.metrics[.ttft] }))
            // ITL is read back from the stored JSON by SQLite: every gap, to the printed digits
            let itl = try #require(gathered.itl.boxStatistics)
            let expected = try #require(BoxStatistics(samples: configuration.requests.flatMap(\.itl)))
            #expect(itl.n == expected.n)
            for (a, b) in [(itl.min, expected.min), (itl.median, expected.median), (itl.p75, expected.p75), (itl.max, expected.max)] {
                #expect(abs(a - b) <= 1e-12 * max(abs(b), 1e-9))
            }
        }
        // and the imported run reads back whole, requests included, as the bundle says
        #expect(try ResultStore(path: database).bundle(runID: outcome.runID) == decoded)
    }
}
