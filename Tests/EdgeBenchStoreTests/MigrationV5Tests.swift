import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import GRDB
import Testing

@testable import EdgeBenchStore

/// Schema v5: the cold-start metrics (METRICS.md "Cold start") get their columns and their rows in
/// `request_metrics`; a v4 database is migrated in place with every request kept.
@Suite struct MigrationV5Tests {
    @Test func aV4DatabaseGainsTheColdStartColumnsAndKeepsEveryRequest() throws {
        let directory = try temporaryDirectory("v4")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("edgebench.sqlite").path
        try FileManager.default.copyItem(at: try Fixtures.url("store/v3-run-testserver.db"), to: URL(fileURLWithPath: path))
        let v4 = try DatabaseQueue(path: path)
        try ResultStore.migrator.migrate(v4, upTo: "v4")
        #expect(try v4.read { try ResultStore.migrator.appliedIdentifiers($0) } == ["v1", "v2", "v3", "v4"])
        #expect(try v4.read { try $0.columns(in: "requests").map(\.name) }.filter { $0.hasPrefix("cold_") } == [])
        let rows = try v4.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM request_metrics") }
        try v4.close()

        let store = try ResultStore(path: path)
        #expect(try store.pool.read { try ResultStore.migrator.appliedIdentifiers($0) } == ["v1", "v2", "v3", "v4", "v5"])
        let columns = try store.pool.read { try $0.columns(in: "requests").map(\.name) }
        #expect(columns.filter { $0.hasPrefix("cold_") } == ["cold_ttft", "cold_energy"])
        let bundle = try BundleFile.read(from: try Fixtures.url("store/v3-run-testserver.bundle.json"))
        #expect(try store.bundle(runID: bundle.run.id) == bundle)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM request_metrics") } == rows)
    }

    @Test func coldStartMetricsAreStoredAndSeenByTheView() throws {
        let directory = try temporaryDirectory("v5")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = SampleBundle.configurations[0]
        let store = try storeWithSampleRun(in: directory, configuration: configuration)
        let runID = SampleBundle.bundle.run.id
        let request = RequestResult(
            index: 0, metrics: [.ttft: 0.5, .coldTTFT: 2.5, .coldEnergy: 12.5], itl: [0.25], flags: [], response: "ok")
        try store.recordRequest(runID: runID, configurationID: configuration.id, result: request, warmup: false)
        #expect(try store.measuredRequests(runID: runID, configurationID: configuration.id) == [request])
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT metric, value, unit FROM request_metrics WHERE metric LIKE 'cold_%' ORDER BY metric")
                .map { [$0["metric"] as String, String($0["value"] as Double), $0["unit"] as String] }
        }
        #expect(rows == [["cold_energy", "12.5", "J"], ["cold_ttft", "2.5", "s"]])
    }
}
