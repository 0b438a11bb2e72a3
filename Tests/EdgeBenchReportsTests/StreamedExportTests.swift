import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchReports

/// The end-of-run export written from a walk of the requests (`StreamedBundle`) instead of a bundle held
/// whole: bundle.json is `BundleCodec.encode`'s bytes, the other files are the in-memory renderers', and a
/// failure leaves every file whole or absent.
@Suite struct StreamedExportTests {
    /// A bundle with every part the encoder can meet: power with a timeline, a device, analysis inputs,
    /// non-finite statistics (dropped), responses with escapes and line breaks, empty and long ITL lists,
    /// flags, a failed configuration without requests, and one interrupted without a summary.
    static let everything: ResultBundle = {
        var bundle = SampleBundle.bundle
        var powered = PowerTimelineReportTests.powered(HTMLFixture.hat, timeline: PowerTimelineReportTests.timeline)
        powered.summary[.decodeRate]?.stddev = .nan
        powered.summary[.prefillRate] = Summary(
            unit: .tokensPerSecond, n: 1, mean: .infinity, median: 1, stddev: nil, cv: nil, min: 1, max: 1, p50: 1,
            p90: 1, p99: 1, ci95: nil)
        powered.telemetry = [
            "engine_rss": TelemetrySummary(
                source: "proc", quantity: .memory, unit: .bytes, boundary: .process, samples: 3, mean: 2e8, min: 1e8,
                max: 3e8),
            "broken": TelemetrySummary(
                source: "x", quantity: .power, unit: .watts, boundary: .boardDC, samples: 1, mean: .nan, min: 0, max: 0),
        ]
        // 5,000 gaps: about 150 KB of pretty-printed JSON, more than the writer's 64 KiB pieces and file buffer,
        // so the request is indented and written in several pieces and past the buffer.
        powered.requests[1].itl = (0..<5_000).map { 0.01 + Double($0) * 1e-7 }
        // the writer formats gaps itself: every form JSONEncoder gives a Double (integral, exponents both ways,
        // the smallest subnormal, 17 digits)
        powered.requests[0].itl = [1, 2.5, 1e-9, 2.234e-06, 5e-324, 1e21, 123456789, 0.1 + 0.2, 0, 1.7976931348623157e308]
        powered.requests[2].itl = []
        powered.requests[3].flags = [.stoppedEarly, .lowConfidence]
        powered.requests[3].metrics[.energy] = .nan
        powered.requests[4].response = "tab\there \"q\" \\ é 🙂 \u{1} </script>\r\nend"
        var interrupted = SampleBundle.completed
        interrupted.id = "managed/smollm2/interrupted"
        interrupted.status = .interrupted
        interrupted.summary = [:]
        interrupted.error = "the run stopped before this configuration finished; continue it with --resume"
        bundle.configurations += [powered, interrupted]
        bundle.analysis = AnalysisParameters(lifetimeHours: 20_000, battery: 36_000, dutyCycle: 0.25)
        return bundle
    }()

    static let fixtures: [String: ResultBundle] = [
        "sample": SampleBundle.bundle,
        "html": HTMLFixture.bundle(),
        "everything": everything,
        "no configurations": {
            var bundle = SampleBundle.bundle
            bundle.configurations = []
            return bundle
        }(),
    ]

    static func streamedJSON(_ bundle: ResultBundle) throws -> Data {
        var out = Data()
        try BundleJSONWriter.write(StreamedBundle(bundle)) { out.append($0) }
        return out
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eb-streamed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: ["sample", "html", "everything", "no configurations"])
    func bundleJSONIsTheCodecsBytes(_ name: String) throws {
        let bundle = try #require(Self.fixtures[name])
        let streamed = try Self.streamedJSON(bundle)
        let whole = try BundleCodec.encode(bundle)
        #expect(String(decoding: streamed, as: UTF8.self) == String(decoding: whole, as: UTF8.self))
        #expect(try BundleCodec.decode(streamed) == BundleCodec.decode(whole))
        let schema = try BundleSchemaValidator.validate(streamed)
        #expect(schema.valid, "\(schema.output)")
    }

    @Test func theStreamedBundleReadsBackEqualWithItsITL() throws {
        // finite everywhere: what the store gives back, so equality is exact
        let bundle = SampleBundle.bundle
        var withITL = bundle
        withITL.configurations[0].requests[0].itl = [0.0123456789012345, 1e-9, 0.5]
        let decoded = try BundleCodec.decode(Self.streamedJSON(withITL))
        #expect(decoded == withITL)
        #expect(decoded.configurations[0].requests[0].itl == [0.0123456789012345, 1e-9, 0.5])
    }

    @Test func everyFileEqualsTheInMemoryRenderers() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let bundle = Self.everything
        let written = try ResultsWriter.write(StreamedBundle(bundle), to: out)
        #expect(written.files.map(\.lastPathComponent) == ResultsWriter.fileNames)
        #expect(written.tallies.map(\.requests) == [3, 0, 10, 3])
        func text(_ name: String) throws -> String {
            try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(try Data(contentsOf: out.appendingPathComponent("bundle.json")) == BundleCodec.encode(bundle))
        #expect(try text("results.md") == MarkdownReport.render(bundle))
        #expect(try text("requests.csv") == CSVReport.requests(bundle))
        #expect(try text("configurations.csv") == CSVReport.configurations(bundle))
        #expect(try text("benchmark_results.csv") == PaperCSV.results(bundle))
        #expect(try text("benchmark_results_details.csv") == PaperCSV.details(bundle))
        #expect(try text("report.html") == HTMLReport.render(bundles: [bundle], analysis: Analysis.analyze(bundles: [bundle])))
    }

    @Test func anInterruptedConfigurationIsCountedAndAveragedFromItsRequests() throws {
        // no summary: n and the paper's means come from the tally, as they came from the requests
        let header = StreamedBundle(Self.everything).header
        let tallies = RequestTally.of(Self.everything)
        let interrupted = tallies[3]
        #expect(interrupted.requests == 3)
        #expect(interrupted.mean(.ttft) == (0.25 + 0.3 + 0.35) / 3)
        #expect(interrupted.mean(.nOut) == 188.0 / 3)
        #expect(interrupted.lastResponse == SampleBundle.lastResponse)
        #expect(tallies[2].mean(.energy) == nil, "a NaN is not a value")

        let table = MarkdownReport.render(header, requestCounts: tallies.map(\.requests))
        #expect(table == MarkdownReport.render(Self.everything))
        #expect(table.contains("| `managed/smollm2/interrupted` | interrupted | 3 |"))
        var results = ""
        PaperCSV.writeResults(header, tallies: tallies, to: &results)
        #expect(results == PaperCSV.results(Self.everything))
        // the label carries the workload: the run has several
        #expect(results.hasSuffix("smollm2,CPU-managed#interrupted,3,62.666666666666664,1.3499999999999999,46.81025641025641,0.3,"
            + "\"Paris, \"\"the capital\"\"\nof France\",true\r\n"))
        #expect(
            TerminalTable.render(header, width: 200, requestCounts: tallies.map(\.requests))
                == TerminalTable.render(Self.everything, width: 200))
    }

    struct WalkFailed: Error, Equatable {}

    @Test func aWalkThatFailsLeavesTheEarlierFilesWholeAndNoPartialOne() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        try ResultsWriter.write(SampleBundle.bundle, to: out)
        let before = try Data(contentsOf: out.appendingPathComponent("bundle.json"))

        var changed = SampleBundle.bundle
        changed.run.planName = "changed"
        let failing = StreamedBundle(header: changed) { index, body in
            if let first = changed.configurations[index].requests.first { try body(first) }
            throw WalkFailed()
        }
        #expect(throws: WalkFailed.self) { try ResultsWriter.write(failing, to: out) }
        // the old bundle.json is untouched, and no temporary file is left beside it
        #expect(try Data(contentsOf: out.appendingPathComponent("bundle.json")) == before)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ResultsWriter.fileNames.sorted())
    }

    @Test func aFileThatCannotBeReplacedNamesTheFolderAndLeavesNoTemporaryFile() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        // a folder where requests.csv goes: the rename over it fails
        let blocker = out.appendingPathComponent("requests.csv")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: blocker.appendingPathComponent("keep"))

        let error = #expect(throws: ResultsWriterError.self) { try ResultsWriter.write(SampleBundle.bundle, to: out) }
        let reason = String(cString: strerror(EISDIR))
        #expect(
            error?.message
                == "cannot write results to \(out.path): cannot replace requests.csv (\(reason)); "
                + "choose a writable folder or fix its permissions")
        // the files before it are whole, nothing after it was started, no temporary file is left
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["bundle.json", "requests.csv", "results.md"])
        #expect(try BundleCodec.decode(Data(contentsOf: out.appendingPathComponent("bundle.json"))) == SampleBundle.bundle)
    }

    @Test func jsonOfAWrittenRunIsItsBundleFileCopied() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let file = try ResultsWriter.write(StreamedBundle(Self.everything), to: out).files[0]
        let printed = out.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: printed.path, contents: nil)
        let handle = try FileHandle(forWritingTo: printed)
        try ResultsSummary.copyBundle(file, to: handle)
        try handle.close()
        #expect(try Data(contentsOf: printed) == ResultsSummary.results(Self.everything, json: true, width: 80))
    }
}
