import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchReports
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchRunner

/// A finished run's results are exported from the store's cursor, one request at a time: what lands on
/// disk is what the whole bundle, read back from the store, renders to.
@Suite struct StreamedExportRunTests {
    static func files(_ outcome: RunOutcome) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in ResultsWriter.fileNames {
            files[name] = try Data(contentsOf: outcome.directory.appendingPathComponent(name))
        }
        return files
    }

    /// Every file equals the in-memory renderers' output for the stored bundle (requests included).
    static func expectFilesRender(_ stored: ResultBundle, _ outcome: RunOutcome) throws {
        let files = try Self.files(outcome)
        func text(_ name: String) -> String { String(decoding: files[name] ?? Data(), as: UTF8.self) }
        #expect(files["bundle.json"] == (try BundleCodec.encode(stored)))
        #expect(text("results.md") == MarkdownReport.render(stored))
        #expect(text("requests.csv") == CSVReport.requests(stored))
        #expect(text("configurations.csv") == CSVReport.configurations(stored))
        #expect(text("benchmark_results.csv") == PaperCSV.results(stored))
        #expect(text("benchmark_results_details.csv") == PaperCSV.details(stored))
        // objectives chosen from the run's data, as `edgebench report` with no --objectives
        #expect(text("report.html") == HTMLReport.render(bundles: [stored], analysis: Analysis.analyze(bundles: [stored])))
    }

    @Test func theStreamedBundleIsTheStoredOneWithFailuresAndFlags() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 4))
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        // 6 tokens asked, 4 sent: every request is flagged stopped_early; 3 requests: few_samples
        let plan = RunnerFixtures.plan([
            RunnerFixtures.configuration(id: "first", url: server.baseURL, repetitions: 3, maxTokens: 6),
            RunnerFixtures.configuration(id: "down", url: RunnerFixtures.closedPort),
            RunnerFixtures.configuration(id: "second", url: server.baseURL, repetitions: 5, warmup: 1, maxTokens: 6),
        ])
        let outcome = try await BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: SilentProgress())
            .run(plan)
        await server.stop()

        // the outcome holds no request; it counts them
        #expect(outcome.bundle.configurations.allSatisfy { $0.requests.isEmpty })
        #expect(outcome.requestCounts == [3, 0, 5])
        #expect(outcome.bundleFile == outcome.directory.appendingPathComponent("bundle.json"))

        let stored = try ResultStore(path: outcome.databasePath).bundle(runID: outcome.runID)
        #expect(stored.configurations.map(\.status) == [.completed, .failed, .completed])
        // (unstable may join them on a loaded machine: not asserted)
        #expect(stored.configurations[0].flags.contains(.fewSamples) && stored.configurations[0].flags.contains(.stoppedEarly))
        #expect(!stored.configurations[2].flags.contains(.fewSamples) && stored.configurations[2].flags.contains(.stoppedEarly))
        #expect(stored.configurations[0].requests.allSatisfy { $0.flags == [.stoppedEarly] && $0.itl.count == 3 })
        #expect(stored.configurations[2].requests.map(\.index) == [0, 1, 2, 3, 4])
        var header = stored
        for index in header.configurations.indices { header.configurations[index].requests = [] }
        #expect(outcome.bundle == header)

        // bundle.json decodes to the stored bundle, ITL lists included, and validates
        let data = try Data(contentsOf: outcome.directory.appendingPathComponent("bundle.json"))
        let decoded = try BundleCodec.decode(data)
        #expect(decoded == stored)
        #expect(decoded.configurations.flatMap(\.requests).map(\.itl) == stored.configurations.flatMap(\.requests).map(\.itl))
        #expect(try BundleSchemaValidator.validate(data).valid)
        try Self.expectFilesRender(stored, outcome)
    }

    @Test func anInterruptedRunIsExportedFromWhatFinished() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 4))
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = TaskHandle()
        let runner = BenchmarkRunner(
            options: RunOptions(outputRoot: output), reporter: AfterRequest(after: 2) { handle.cancel() })
        let task = Task {
            try await runner.run(
                RunnerFixtures.plan([
                    RunnerFixtures.configuration(id: "cut", url: server.baseURL, repetitions: 4, maxTokens: 4)
                ]))
        }
        handle.set(task)
        let outcome = try await task.value
        await server.stop()

        // what finished is summarised and exported; n is counted while the requests are walked
        let stored = try outcome.storedBundle()
        #expect(stored.configurations.map(\.status) == [.interrupted])
        #expect(stored.configurations[0].summary[.nOut]?.n == 2)
        #expect(outcome.requestCounts == [2])
        let table = TerminalTable.render(outcome.bundle, width: 200, requestCounts: outcome.requestCounts)
        #expect(table == TerminalTable.render(stored, width: 200))
        #expect(table.contains("cut  interrupted  2"))
        try Self.expectFilesRender(stored, outcome)
    }
}
