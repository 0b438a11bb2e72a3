import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import GRDB
import Testing

@testable import EdgeBenchStore

/// Schema v5 (load profiles): an older database gains the level's columns with every row kept, and a
/// bundle measured at a load level keeps its level and figures through the store.
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
}
