import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import GRDB
import Testing

@testable import EdgeBenchStore

/// Schema v4: a request is one row of typed columns (a REAL per metric, the ITL gaps as a BLOB of
/// little-endian binary64, the flags by id), read back into the `RequestResult` that was recorded.
@Suite struct RequestColumnsTests {
    let run = SampleBundle.bundle.run
    let configuration = SampleBundle.configurations[0]

    func openStore(_ directory: URL) throws -> ResultStore {
        try storeWithSampleRun(in: directory, configuration: configuration)
    }

    /// ITL gaps that are not short decimals (a shortest form of 17 digits, an exponent), several flags in
    /// an order that is not sorted, escapes and emoji in the response, metrics absent, a configuration-
    /// scope metric on a request, no ITL and no response at all.
    static let requests: [RequestResult] = [
        RequestResult(
            index: 0, metrics: [.ttft: 0.123456789, .nOut: 3, .decodeRate: 63.0 / 0.1 / 3, .energy: 1.5e-7],
            itl: [0.1 / 3, 1.9877e-05, 0.000401521, .leastNonzeroMagnitude], flags: [.stoppedEarly, .estimated, .lowConfidence],
            response: "line\n\"quoted\" \\ é 🙂 \u{1}"),
        RequestResult(index: 1, metrics: [:], itl: [], flags: [], response: nil),
        RequestResult(index: 2, metrics: [.idlePower: 4.25, .e2eLatency: 2], itl: [0.5], flags: [.noTokens], response: ""),
    ]

    @Test func requestsReadBackAsRecorded() throws {
        let directory = try temporaryDirectory("columns")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        for request in Self.requests {
            try store.recordRequest(runID: run.id, configurationID: configuration.id, result: request, warmup: false)
        }
        #expect(try store.measuredRequests(runID: run.id, configurationID: configuration.id) == Self.requests)
        #expect(try store.bundle(runID: run.id).configurations[0].requests == Self.requests)
    }

    /// A run attaches energy after its requests were stored, from copies without their response text.
    @Test func updatingMeasuresKeepsTheGapsAndTheResponse() throws {
        let directory = try temporaryDirectory("columns")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        let stored = Self.requests[0]
        try store.recordRequest(runID: run.id, configurationID: configuration.id, result: stored, warmup: false)
        var update = stored
        update.metrics[.energy] = 2.5
        update.metrics[.ttft] = nil
        update.flags = [.throttled]
        update.itl = []
        update.response = nil
        try store.updateMeasures(runID: run.id, configurationID: configuration.id, result: update)
        var expected = update
        expected.itl = stored.itl
        expected.response = stored.response
        #expect(try store.measuredRequests(runID: run.id, configurationID: configuration.id) == [expected])

        var missing = update
        missing.index = 7
        #expect(throws: StoreError(
            message: "the results database at \(store.path) has no measured request 7 of configuration "
                + "\"\(configuration.id)\" in run \(run.id) to update; record it first")) {
            try store.updateMeasures(runID: run.id, configurationID: configuration.id, result: missing)
        }
    }

    @Test func nonFiniteValuesAreNotStored() throws {
        let directory = try temporaryDirectory("columns")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        let request = RequestResult(
            index: 0, metrics: [.ttft: .nan, .tpot: .infinity, .nOut: 4], itl: [0.01, .nan, 0.02, -.infinity], flags: [])
        try store.recordRequest(runID: run.id, configurationID: configuration.id, result: request, warmup: false)
        // what JSON would have kept: the finite values only
        #expect(try store.measuredRequests(runID: run.id, configurationID: configuration.id)
            == [RequestResult(index: 0, metrics: [.nOut: 4], itl: [0.01, 0.02], flags: [])])
    }

    @Test func columnsHoldTheValuesSQLReads() throws {
        let directory = try temporaryDirectory("columns")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        try store.recordRequest(runID: run.id, configurationID: configuration.id, result: Self.requests[0], warmup: false)
        let row = try #require(try store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT ttft, n_out, tpot, itl, length(itl) AS bytes, flags, response FROM requests")
        })
        #expect(row["ttft"] == 0.123456789)
        #expect(row["n_out"] == 3.0)
        #expect((row["tpot"] as Double?) == nil)
        #expect(row["flags"] == "stopped_early,estimated,low_confidence")
        #expect(row["bytes"] == 32)
        // little-endian binary64: 1.9877e-05 is the second gap, bytes 8..<16
        let blob: Data = row["itl"]
        let bits = blob[8..<16].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        #expect(Double(bitPattern: bits) == 1.9877e-05)
        // the view keeps v3's one row per request and metric, with units
        let units = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT metric, value, unit FROM request_metrics ORDER BY metric")
        }
        #expect(units.map { $0["metric"] as String } == ["decode_rate", "energy", "n_out", "ttft"])
        #expect(units.map { $0["unit"] as String } == ["tok/s", "J", "tokens", "s"])
        // SQL aggregates a metric over requests from its column
        let mean = try store.pool.read { db in try Double.fetchOne(db, sql: "SELECT AVG(ttft) FROM requests") }
        #expect(mean == 0.123456789)
    }

    @Test func anITLMetricValueIsRefusedNotLost() throws {
        let directory = try temporaryDirectory("columns")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        let request = RequestResult(index: 0, metrics: [.itl: 0.01], itl: [], flags: [])
        let error = #expect(throws: StoreError.self) {
            try store.recordRequest(runID: run.id, configurationID: configuration.id, result: request, warmup: false)
        }
        #expect(error?.message == "request 0 of configuration \"\(configuration.id)\" holds an `itl` metric (0.01); "
            + "ITL is stored as the request's gaps (its `itl` list), not as one value: move it there")
        #expect(try store.measuredRequests(runID: run.id, configurationID: configuration.id).isEmpty)
    }

    /// A metric added to `MetricID` needs a column: a migration that adds it (v4's and v5's lists are frozen).
    @Test func everyMetricARequestCanHoldHasAColumn() throws {
        let directory = try temporaryDirectory("columns")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        let columns = try store.pool.read { db in try db.columns(in: "requests").map(\.name) }
        let needed = MetricID.measured.filter { $0 != .itl }.map(\.rawValue)
        #expect(needed.filter { !columns.contains($0) } == [])
        #expect(RequestColumns.metrics.map(\.rawValue) == needed)
        #expect(ResultStore.metricColumns.map(\.name) == needed)
        #expect(ResultStore.metricColumns.map(\.unit) == MetricID.measured.filter { $0 != .itl }.map(\.unit.rawValue))
    }
}
