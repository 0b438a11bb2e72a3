import EdgeBenchCore
import EdgeBenchRunner
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

/// Which stored runs `analyze`, `recommend` and `report` read, and the scenario they rank for.
@Suite struct RunSelectionTests {
    /// `output/<name>/bundle.json` holding the sample run under another id, written at `modified`.
    static func storeRun(_ name: String, in output: URL, modified: Date) throws {
        var bundle = SampleBundle.bundle
        bundle.run.id = name
        let directory = output.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("bundle.json")
        try BundleCodec.encode(bundle).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path)
    }

    @Test func withNoRunNamedTheNewestBundleUnderTheOutputIsRead() throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        try Self.storeRun("older", in: output, modified: Date(timeIntervalSince1970: 1_000_000))
        try Self.storeRun("newer", in: output, modified: Date(timeIntervalSince1970: 2_000_000))
        try FileManager.default.createDirectory(
            at: output.appendingPathComponent("not-a-run"), withIntermediateDirectories: true)
        let selection = RunSelection(output: output.path)
        #expect(try selection.newestRun() == output.appendingPathComponent("newer").path)
        #expect(try selection.summaries(distributions: false).bundles.map(\.run.id) == ["newer"])
    }

    @Test func namedRunsAreReadInOrderAsDirectoriesOrFiles() throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        try Self.storeRun("a", in: output, modified: Date(timeIntervalSince1970: 1_000_000))
        try Self.storeRun("b", in: output, modified: Date(timeIntervalSince1970: 2_000_000))
        let selection = RunSelection(
            runs: [output.appendingPathComponent("b/bundle.json").path, output.appendingPathComponent("a").path])
        #expect(try selection.summaries(distributions: false).bundles.map(\.run.id) == ["b", "a"])
    }

    @Test func everyRunOfADatabase() throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let path = output.appendingPathComponent("edgebench.sqlite").path
        _ = try ResultStore(path: path).importBundle(SampleBundle.bundle, planText: "")
        #expect(try RunSelection(database: path).summaries(distributions: false).bundles.map(\.run.id) == ["run-1"])
    }

    @Test(arguments: [
        (RunSelection(output: "/nonexistent-output"),
         "no run found under /nonexistent-output/ (no <run>/bundle.json); run `edgebench run` first, or name a RUN or --db"),
        (RunSelection(runs: ["/nonexistent-run"]), "/nonexistent-run does not exist; give a run directory or its bundle.json"),
        (RunSelection(database: "/nonexistent.sqlite"),
         "no results database at /nonexistent.sqlite; check the path (edgebench run writes <output>/edgebench.sqlite)"),
    ])
    func whatCannotBeReadSaysWhatToGive(selection: RunSelection, message: String) {
        #expect(throws: RunSelectionError(message)) { try selection.summaries(distributions: false) }
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent.sqlite"), "no empty database left behind")
    }

    @Test func scenarioIsAPresetOrAFile() throws {
        #expect(try ScenarioFile.load("interactive").name == "interactive")
        let directory = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("kit.yaml")
        try Data("name: kit\nweights:\n  decode_rate: {weight: 1, direction: max}\n".utf8).write(to: file)
        #expect(try ScenarioFile.load(file.path).name == "kit")
        #expect(throws: RunSelectionError.self) { try ScenarioFile.load("/nonexistent-scenario.yaml") }
    }
}
