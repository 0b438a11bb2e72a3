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
            let texts = try String.fetchCursor(
                db,
                sql: """
                    SELECT result_json FROM requests
                    WHERE run_id = ? AND configuration_id = ? AND warmup = 0
                    ORDER BY request_index
                    """,
                arguments: [runID, configurationID])
            while let text = try texts.next() {
                try body(try decodeJSON(RequestResult.self, from: text, what: "request JSON"))
            }
        }
    }
}
