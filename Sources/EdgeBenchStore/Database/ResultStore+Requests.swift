import EdgeBenchCore
import GRDB

extension ResultStore {
    /// Stores one request in its own transaction: when this returns, the request is on disk.
    /// Warm-up requests are kept (flagged) for diagnosis but never exported as measurements.
    /// Recording the same index again (a resumed run redoing it) replaces the earlier row.
    public func recordRequest(runID: String, configurationID: String, result: RequestResult, warmup: Bool) throws {
        // built outside the write: the writer's queue is held only for SQLite's own work
        let arguments = try RequestColumns.arguments(
            runID: runID, configurationID: configurationID, result: result, warmup: warmup)
        try pool.write { db in
            try insertRequest(db, configurationID: configurationID, runID: runID, arguments: arguments)
        }
    }

    /// One request row (`RequestColumns.arguments`), inside the caller's transaction.
    func insertRequest(
        _ db: GRDB.Database, configurationID: String, runID: String, arguments: StatementArguments
    ) throws {
        let insert = try db.cachedStatement(sql: RequestColumns.insertSQL)
        insert.setUncheckedArguments(arguments)
        do {
            try insert.execute()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StoreError.unknownConfiguration(configurationID, runID: runID, path: path)
        }
    }

    /// The measured (not warm-up) requests stored so far, by index, so a resumed run continues after them.
    public func measuredRequests(runID: String, configurationID: String) throws -> [RequestResult] {
        var results: [RequestResult] = []
        try forEachRequest(runID: runID, configurationID: configurationID) { results.append($0) }
        return results
    }
}
