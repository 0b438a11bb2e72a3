import EdgeBenchCore
import GRDB

extension ResultStore {
    /// Calls `body` with each measured (not warm-up) request of a configuration, by index, decoded one
    /// row at a time from a SQLite cursor: what `measuredRequests` returns, without ever holding more
    /// than one of them, however long the run. The end-of-run export streams bundle.json and the CSVs
    /// from it. `body` runs inside one read transaction (a consistent view); what it throws stops the
    /// walk and is rethrown.
    public func forEachRequest(
        runID: String, configurationID: String, _ body: (RequestResult) throws -> Void
    ) throws {
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(RequestColumns.selectList) FROM requests
                    WHERE run_id = ? AND configuration_id = ? AND warmup = 0
                    ORDER BY request_index
                    """,
                arguments: [runID, configurationID])
            while let row = try rows.next() { try body(try RequestColumns.result(row, path: path)) }
        }
    }
}
