import EdgeBenchCore
import EdgeBenchReports
import EdgeBenchTesting
import Foundation
import Testing

/// What `run` and `import` print once results are stored.
@Suite struct ResultsSummaryTests {
    @Test func jsonIsTheBundleAndNothingElse() throws {
        let data = try ResultsSummary.results(SampleBundle.bundle, json: true, width: 80)
        #expect(data.last == UInt8(ascii: "\n"))
        #expect(try BundleCodec.decode(data) == SampleBundle.bundle)
    }

    @Test func textIsTheTerminalTable() throws {
        let data = try ResultsSummary.results(SampleBundle.bundle, json: false, width: 100)
        #expect(String(decoding: data, as: UTF8.self) == TerminalTable.render(SampleBundle.bundle, width: 100) + "\n")
    }

    @Test func locationsNameTheDirectoryEveryFileAndTheDatabase() {
        let lines = ResultsSummary.locations(
            directory: URL(fileURLWithPath: "/r/run-1"),
            outputs: [URL(fileURLWithPath: "/r/run-1/bundle.json"), URL(fileURLWithPath: "/r/run-1/results.md")],
            databasePath: "/r/edgebench.sqlite")
        #expect(lines == ["results: /r/run-1", "  bundle.json", "  results.md", "database: /r/edgebench.sqlite"])
    }
}
