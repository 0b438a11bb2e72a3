import EdgeBenchCore
import GRDB

extension ResultStore {
    /// How many measured (not warm-up) requests a configuration has stored.
    public func measuredRequestCount(runID: String, configurationID: String) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM requests WHERE run_id = ? AND configuration_id = ? AND warmup = 0",
                arguments: [runID, configurationID]) ?? 0
        }
    }

    /// Every stored value of one metric over a configuration's measured requests, one at a time and in
    /// no particular order, straight from SQLite: the per-metric rows, or for `itl` (one value per gap,
    /// kept in the request's JSON) SQLite's own JSON reader. No request is decoded, so memory stays flat
    /// however many requests are stored.
    public func forEachMeasuredValue(
        runID: String, configurationID: String, of metric: MetricID, _ body: (Double) throws -> Void
    ) throws {
        let sql =
            metric == .itl
            ? """
            SELECT gap.value FROM requests, json_each(requests.result_json, '$.itl') AS gap
            WHERE requests.run_id = ? AND requests.configuration_id = ? AND requests.warmup = 0
            """
            : """
            SELECT request_metrics.value FROM requests
            JOIN request_metrics ON request_metrics.request_id = requests.id AND request_metrics.metric = ?
            WHERE requests.run_id = ? AND requests.configuration_id = ? AND requests.warmup = 0
            """
        let arguments: StatementArguments =
            metric == .itl ? [runID, configurationID] : [metric.rawValue, runID, configurationID]
        try pool.read { db in
            let values = try Double.fetchCursor(db, sql: sql, arguments: arguments)
            while let value = try values.next() { try body(value) }
        }
    }
}
