import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchReports

@Suite struct ResultsWriterTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("edgebench-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesEveryFileWithItsRenderedContent() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("results/run-1")
        let urls = try ResultsWriter.write(SampleBundle.bundle, to: out)
        #expect(urls.map(\.lastPathComponent) == [
            "bundle.json", "results.md", "requests.csv", "configurations.csv",
            "benchmark_results.csv", "benchmark_results_details.csv", "report.html",
        ])
        let bundle = try BundleCodec.decode(Data(contentsOf: urls[0]))
        #expect(bundle == SampleBundle.bundle)
        #expect(try String(contentsOf: urls[1], encoding: .utf8) == MarkdownReport.render(SampleBundle.bundle))
        #expect(try String(contentsOf: urls[4], encoding: .utf8) == PaperCSV.results(SampleBundle.bundle))
        #expect(try String(contentsOf: urls[5], encoding: .utf8) == PaperCSV.details(SampleBundle.bundle))
        // nothing half-written is left behind
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ResultsWriter.fileNames.sorted())
    }

    @Test func rewritingReplacesTheFiles() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        try ResultsWriter.write(SampleBundle.bundle, to: out)
        var second = SampleBundle.bundle
        second.configurations.removeLast()
        try ResultsWriter.write(second, to: out)
        let text = try String(contentsOf: out.appendingPathComponent("results.md"), encoding: .utf8)
        #expect(!text.contains("openai/gemma3/short"))
    }

    @Test func unwritableDirectoryIsAClearError() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        let out = file.appendingPathComponent("results")
        let error = #expect(throws: ResultsWriterError.self) {
            try ResultsWriter.write(SampleBundle.bundle, to: out)
        }
        #expect(
            error?.message
                == "cannot write results to \(out.path): \(file.path) exists and is not a folder; "
                + "choose a writable folder or fix its permissions")
    }
}
