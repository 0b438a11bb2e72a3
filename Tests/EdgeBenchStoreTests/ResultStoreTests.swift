import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import GRDB
import Testing

@testable import EdgeBenchStore

@Suite struct ResultStoreTests {
    let run = SampleBundle.bundle.run

    /// Writes the sample bundle through the store's API the way the runner does, warm-ups included.
    func record(_ store: ResultStore) throws {
        try store.beginRun(run, environment: SampleBundle.environment, planText: "name: pi5-smoke\n")
        // completed: engine known at begin
        let completed = SampleBundle.configurations[0]
        try store.beginConfiguration(runID: run.id, configuration: completed, engine: SampleBundle.completed.engine)
        try store.recordRequest(
            runID: run.id, configurationID: completed.id,
            result: RequestResult(index: 0, metrics: [.ttft: 9.9], itl: [], flags: [], response: "warm"), warmup: true)
        for request in SampleBundle.completed.requests {
            try store.recordRequest(runID: run.id, configurationID: completed.id, result: request, warmup: false)
        }
        try store.finishConfiguration(
            runID: run.id, configurationID: completed.id, engine: nil, status: .completed, error: nil,
            summary: SampleBundle.completed.summary, flags: SampleBundle.completed.flags,
            telemetry: SampleBundle.completed.telemetry)
        // failed: the engine only described itself at the end
        let failed = SampleBundle.configurations[1]
        try store.beginConfiguration(runID: run.id, configuration: failed, engine: nil)
        try store.finishConfiguration(
            runID: run.id, configurationID: failed.id, engine: SampleBundle.failed.engine, status: .failed,
            error: SampleBundle.failed.error, summary: [:], flags: [], telemetry: [:])
    }

    @Test func bundleRoundTripsThroughTheDatabase() throws {
        let directory = try temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(at: directory) }
        // parent folders are created
        let store = try ResultStore(path: directory.appendingPathComponent("a/b/results.db").path)
        try record(store)
        let bundle = try store.bundle(runID: run.id)
        #expect(bundle == SampleBundle.bundle)
        // the warm-up request is kept, flagged, and never exported
        let warmups = try store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM requests WHERE warmup = 1")
        }
        #expect(warmups == 1)
        #expect(try store.measuredRequests(runID: run.id, configurationID: SampleBundle.completed.id)
            == SampleBundle.completed.requests)
        #expect(try store.configurations(runID: run.id) == SampleBundle.configurations)
        #expect(try store.planText(runID: run.id) == "name: pi5-smoke\n")
        #expect(try store.runs() == [run])
    }

    @Test func databaseIsInWALMode() throws {
        let directory = try temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultStore(path: directory.appendingPathComponent("results.db").path)
        let mode = try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func requestIsVisibleToASecondConnectionAsSoonAsRecorded() throws {
        let directory = try temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("results.db").path
        let writer = try ResultStore(path: path)
        try writer.beginRun(run, environment: SampleBundle.environment, planText: "")
        try writer.beginConfiguration(runID: run.id, configuration: SampleBundle.configurations[0], engine: nil)
        let request = SampleBundle.completed.requests[0]
        try writer.recordRequest(runID: run.id, configurationID: SampleBundle.completed.id, result: request, warmup: false)
        // an independent SQLite connection, as another process would open it
        let reader = try DatabaseQueue(path: path)
        let row = try #require(try reader.read { db in
            try Row.fetchOne(db, sql: "SELECT request_index, ttft, n_out, length(itl) AS itl_bytes FROM requests")
        })
        #expect(row["request_index"] == request.index)
        #expect(row["ttft"] == request.metrics[.ttft])
        #expect(row["n_out"] == request.metrics[.nOut])
        #expect(row["itl_bytes"] == (request.itl.isEmpty ? nil : 8 * request.itl.count))
        let ttft = try reader.read { db in
            try Double.fetchOne(db, sql: "SELECT value FROM request_metrics WHERE metric = 'ttft'")
        }
        #expect(ttft == 0.25)
        #expect(try ResultStore(path: path).measuredRequests(runID: run.id, configurationID: SampleBundle.completed.id)
            == [request])
    }

    @Test func metricsAreQueryableRowsWithUnitsAndNonFiniteOnesAreLeftOut() throws {
        let directory = try temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultStore(path: directory.appendingPathComponent("results.db").path)
        try store.beginRun(run, environment: SampleBundle.environment, planText: "")
        try store.beginConfiguration(runID: run.id, configuration: SampleBundle.configurations[0], engine: nil)
        var request = SampleBundle.completed.requests[0]
        request.metrics[.serverDecodeRate] = .nan
        try store.recordRequest(runID: run.id, configurationID: SampleBundle.completed.id, result: request, warmup: false)
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT metric, value, unit FROM request_metrics ORDER BY metric")
        }
        #expect(rows.map { $0["metric"] as String } == [
            "decode_rate", "decode_time", "e2e_latency", "e2e_throughput", "n_in", "n_out", "prefill_rate", "tpot", "ttft",
        ])
        #expect(rows.first { $0["metric"] == "e2e_throughput" }?["value"] == 51.2)
        #expect(rows.first { $0["metric"] == "tpot" }?["unit"] == "s/token")
        let stored = try store.measuredRequests(runID: run.id, configurationID: SampleBundle.completed.id)
        #expect(stored[0].metrics[.serverDecodeRate] == nil)
    }

    @Test func migratingTwiceIsANoOp() throws {
        let directory = try temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("results.db").path
        let first = try ResultStore(path: path)
        try record(first)
        func schema(_ store: ResultStore) throws -> [String] {
            try store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            }
        }
        let before = try schema(first)
        try ResultStore.migrator.migrate(first.pool)
        let second = try ResultStore(path: path)
        #expect(try schema(second) == before)
        #expect(try second.pool.read { db in try ResultStore.migrator.appliedIdentifiers(db) } == ["v1", "v2", "v3", "v4", "v5"])
        #expect(try second.bundle(runID: run.id) == SampleBundle.bundle)
    }

    @Test func unwritablePathIsAClearError() throws {
        let directory = try temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let path = file.appendingPathComponent("sub/results.db").path
        let error = #expect(throws: StoreError.self) { try ResultStore(path: path) }
        #expect(
            error?.message
                == "cannot open results database at \(path): \(file.path) exists and is not a folder; "
                + "pass --db to choose another path")
    }

    @Test func notADatabaseIsAClearError() throws {
        let directory = try temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("results.db").path
        try Data(String(repeating: "this is not sqlite\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try ResultStore(path: path) }
        #expect(error?.message.hasPrefix("cannot open results database at \(path): ") == true)
        #expect(error?.message.hasSuffix("; pass --db to choose another path") == true)
    }
}
