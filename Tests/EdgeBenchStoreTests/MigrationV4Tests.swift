import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import GRDB
import Testing

@testable import EdgeBenchStore

/// A v3 database (requests as JSON plus a row per metric), written by a real `edgebench run` (6 measured
/// requests and a warm-up against the test server, commit 526d56a), opened by this version: migrated to
/// v4 in place with every request kept.
@Suite struct MigrationV4Tests {
    func v3Copy() throws -> (directory: URL, path: String) {
        let directory = try temporaryDirectory("v3")
        let path = directory.appendingPathComponent("edgebench.sqlite").path
        try FileManager.default.copyItem(at: try Fixtures.url("store/v3-run-testserver.db"), to: URL(fileURLWithPath: path))
        return (directory, path)
    }

    @Test func aV3DatabaseIsMigratedWithEveryRequest() throws {
        let (directory, path) = try v3Copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bundle = try BundleFile.read(from: try Fixtures.url("store/v3-run-testserver.bundle.json"))
        // the v3 file as it was written: 7 requests (1 warm-up), 9 metric rows each
        let v3 = try DatabaseQueue(path: path)
        #expect(try v3.read { try ResultStore.migrator.appliedIdentifiers($0) } == ["v1", "v2", "v3"])
        #expect(try v3.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM request_metrics") } == 63)
        // a request the run never wrote, with what a v3 row can hold besides: flags, escapes, absent metrics
        let extra = RequestResult(
            index: 6, metrics: [.ttft: 0.25], itl: [0.1 / 3], flags: [.stoppedEarly, .estimated], response: "a\n\"b\" é")
        let configurationID = bundle.configurations[0].id
        try v3.write { db in
            try db.execute(
                sql: "INSERT INTO requests (run_id, configuration_id, request_index, warmup, result_json) VALUES (?, ?, 6, 0, ?)",
                arguments: [bundle.run.id, configurationID, try ResultStore.json(extra)])
            try db.execute(
                sql: "INSERT INTO request_metrics (request_id, metric, value, unit) VALUES (last_insert_rowid(), 'ttft', 0.25, 's')")
        }
        try v3.close()

        let store = try ResultStore(path: path)
        #expect(try store.pool.read { try ResultStore.migrator.appliedIdentifiers($0) } == ["v1", "v2", "v3", "v4", "v5"])
        var expected = bundle
        expected.configurations[0].requests.append(extra)
        #expect(try store.bundle(runID: bundle.run.id) == expected)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM requests WHERE warmup = 1") } == 1)
        // the view gives the rows v3 had, value for value
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM request_metrics") } == 64)
        let firstTTFT = try #require(bundle.configurations[0].requests[0].metrics[.ttft])
        #expect(try store.pool.read { db in
            try Double.fetchOne(
                db, sql: """
                    SELECT m.value FROM request_metrics m JOIN requests r ON r.id = m.request_id
                    WHERE m.metric = 'ttft' AND r.request_index = 0 AND r.warmup = 0
                    """)
        } == firstTTFT)
        // the run goes on: a request recorded now lands beside the migrated ones
        let next = RequestResult(index: 7, metrics: [.ttft: 0.5], itl: [0.01], flags: [])
        try store.recordRequest(runID: bundle.run.id, configurationID: configurationID, result: next, warmup: false)
        #expect(try store.measuredRequests(runID: bundle.run.id, configurationID: configurationID)
            == expected.configurations[0].requests + [next])
    }

    @Test func anUnreadableV3RequestStopsTheMigrationAndKeepsTheFile() throws {
        let (directory, path) = try v3Copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let v3 = try DatabaseQueue(path: path)
        try v3.write { try $0.execute(sql: "UPDATE requests SET result_json = '{\"index\": 1' WHERE id = 3") }
        try v3.close()
        let error = #expect(throws: StoreError.self) { try ResultStore(path: path) }
        #expect(error?.message.hasPrefix("cannot open results database at \(path): request 3 of run 20261207-033746-b1cc "
            + "holds unreadable JSON") == true, "\(error?.message ?? "")")
        // nothing half-done: still v3, every row where it was
        let after = try DatabaseQueue(path: path)
        #expect(try after.read { try ResultStore.migrator.appliedIdentifiers($0) } == ["v1", "v2", "v3"])
        #expect(try after.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM request_metrics") } == 63)
    }
}
