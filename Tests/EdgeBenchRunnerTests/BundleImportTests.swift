import EdgeBenchCore
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchRunner

/// `edgebench import bundle`: bundles from other machines into the local store, once each.
@Suite struct BundleImportTests {
    @Test func bundlesAreStoredOnceByRunID() throws {
        let directory = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var other = SampleBundle.bundle
        other.run.id = "20260101T000000-beef"
        other.analysis = AnalysisParameters(lifetimeHours: 8760)
        other.configurations[0].device = Device(id: "jetson-orin-nano-super", name: "Jetson Orin Nano Super")
        let first = directory.appendingPathComponent("pi.json")
        let second = directory.appendingPathComponent("jetson.json")
        try BundleFile.write(SampleBundle.bundle, to: first)
        try BundleFile.write(other, to: second)
        let database = directory.appendingPathComponent("local.sqlite").path
        let importer = BundleImporter(databasePath: database)

        let outcomes = try importer.run(files: [first, second])
        #expect(outcomes.map(\.result) == [
            .stored(runID: SampleBundle.bundle.run.id, configurations: 2),
            .stored(runID: "20260101T000000-beef", configurations: 2),
        ])
        let again = try importer.run(files: [second])
        #expect(again.map(\.result) == [.alreadyStored(runID: "20260101T000000-beef")])
        #expect(again[0].message == "\(second.path): run 20260101T000000-beef: already stored, skipped")

        let store = try ResultStore(path: database)
        #expect(try store.runs().count == 2)
        let back = try store.bundle(runID: "20260101T000000-beef")
        #expect(back == other.finiteOnly())
        #expect(back.configurations[0].device?.id == "jetson-orin-nano-super")
        #expect(back.analysis?.lifetimeHours == 8760)
    }

    @Test func aBadFileStoresNothing() throws {
        let directory = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.json")
        try BundleFile.write(SampleBundle.bundle, to: good)
        let bad = directory.appendingPathComponent("bad.json")
        try Data("{\"schema\": \"other\"}".utf8).write(to: bad)
        let database = directory.appendingPathComponent("local.sqlite").path
        #expect(throws: ImportError.self) { try BundleImporter(databasePath: database).run(files: [good, bad]) }
        #expect(try ResultStore(path: database).runs().isEmpty)
    }
}
