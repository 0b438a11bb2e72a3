import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import GRDB
import Testing

@testable import EdgeBenchStore

/// Schema v5 (load profiles and cold starts): an older database gains the new columns with every row kept,
/// a bundle measured at a load level keeps its level and figures through the store, and the cold-start
/// metrics are stored and seen by `request_metrics`.
@Suite struct MigrationV5Tests {
    @Test func aV3DatabaseGainsTheLoadColumnsAndKeepsItsRows() throws {
        let directory = try temporaryDirectory("v5")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("edgebench.sqlite").path
        try FileManager.default.copyItem(at: try Fixtures.url("store/v3-run-testserver.db"), to: URL(fileURLWithPath: path))
        let bundle = try BundleFile.read(from: try Fixtures.url("store/v3-run-testserver.bundle.json"))

        let store = try ResultStore(path: path)
        let columns = try store.pool.read { db in try db.columns(in: "requests").map(\.name) }
        #expect(ResultStore.v5MetricColumns.map(\.name).filter { !columns.contains($0) } == [])
        #expect(try store.bundle(runID: bundle.run.id) == bundle)
        // the view lists the old rows only: nothing was sent at a load level then
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM request_metrics") } == 63)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM request_metrics WHERE metric = 'send_lag'") } == 0)
    }

    @Test func aLevelAndItsFiguresRoundTripThroughTheStore() throws {
        let directory = try temporaryDirectory("v5-level")
        defer { try? FileManager.default.removeItem(at: directory) }
        var bundle = try BundleFile.read(from: try Fixtures.url("store/v3-run-testserver.bundle.json"))
        bundle.configurations[0].load = .rate(2.5, .poisson)
        bundle.configurations[0].workload.slo = ServiceLevels(ttft: 1, itl: 0.2)
        bundle.configurations[0].requests[0].metrics[.sendLag] = 0.0015
        bundle.configurations[0].summary[.goodput] = Statistics.summarize([1.75], unit: .requestsPerSecond)!
        bundle.configurations[0].summary[.requestTimeouts] = Statistics.summarize([2], unit: .requests)!
        let store = try ResultStore(path: directory.appendingPathComponent("edgebench.sqlite").path)
        #expect(try store.importBundle(bundle, planText: "plan"))
        let back = try store.bundle(runID: bundle.run.id)
        #expect(back == bundle)
        #expect(back.configurations[0].load == .rate(2.5, .poisson))
        #expect(try store.pool.read { try Double.fetchOne($0, sql: "SELECT value FROM request_metrics WHERE metric = 'send_lag'") } == 0.0015)
        // and through the bundle's JSON, as written to disk
        let decoded = try JSONDecoder().decode(ResultBundle.self, from: try JSONEncoder().encode(back))
        #expect(decoded.configurations[0].load == .rate(2.5, .poisson))
        #expect(decoded.configurations[0].workload.slo == ServiceLevels(ttft: 1, itl: 0.2))
    }

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
