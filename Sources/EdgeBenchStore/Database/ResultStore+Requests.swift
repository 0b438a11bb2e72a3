import EdgeBenchCore
import GRDB

extension ResultStore {
    /// Stores one request in its own transaction: when this returns, the request is on disk.
    /// Warm-up requests are kept (flagged) for diagnosis but never exported as measurements.
    /// Recording the same index again (a resumed run redoing it) replaces the earlier row.
    public func recordRequest(runID: String, configurationID: String, result: RequestResult, warmup: Bool) throws {
        let resultJSON = try Self.json(result)
        try pool.write { db in
            try insertRequest(db, runID: runID, configurationID: configurationID, result: result, warmup: warmup, json: resultJSON)
        }
    }

    /// One request and its per-metric rows, inside the caller's transaction.
    func insertRequest(
        _ db: GRDB.Database, runID: String, configurationID: String, result: RequestResult, warmup: Bool, json: String
    ) throws {
        try db.execute(
            sql: """
                DELETE FROM requests
                WHERE run_id = ? AND configuration_id = ? AND warmup = ? AND request_index = ?
                """,
            arguments: [runID, configurationID, warmup, result.index])
        do {
            try db.execute(
                sql: """
                    INSERT INTO requests (run_id, configuration_id, request_index, warmup, result_json)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [runID, configurationID, result.index, warmup, json])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StoreError.unknownConfiguration(configurationID, runID: runID, path: path)
        }
        let requestID = db.lastInsertedRowID
        let insert = try db.cachedStatement(
            sql: "INSERT INTO request_metrics (request_id, metric, value, unit) VALUES (?, ?, ?, ?)")
        for (metric, value) in result.metrics.sorted(by: { $0.key < $1.key }) where value.isFinite {
            try insert.execute(arguments: [requestID, metric.rawValue, value, metric.unit.rawValue])
        }
    }

    /// The measured (not warm-up) requests stored so far, by index, so a resumed run continues after them.
    public func measuredRequests(runID: String, configurationID: String) throws -> [RequestResult] {
        let texts = try pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT result_json FROM requests
                    WHERE run_id = ? AND configuration_id = ? AND warmup = 0
                    ORDER BY request_index
                    """,
                arguments: [runID, configurationID])
        }
        return try texts.map { try decodeJSON(RequestResult.self, from: $0, what: "request JSON") }
    }
}
