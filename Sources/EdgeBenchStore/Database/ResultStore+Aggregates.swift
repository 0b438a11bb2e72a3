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
    /// no particular order, straight from SQLite: the metric's column, or for `itl` (one value per gap)
    /// each row's gaps read out of its BLOB in place. No request is decoded, so memory stays flat
    /// however many requests are stored.
    public func forEachMeasuredValue(
        runID: String, configurationID: String, of metric: MetricID, _ body: (Double) throws -> Void
    ) throws {
        let filter = "WHERE run_id = ? AND configuration_id = ? AND warmup = 0"
        try pool.read { db in
            if metric == .itl {
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT itl FROM requests \(filter) AND itl IS NOT NULL",
                    arguments: [runID, configurationID])
                while let row = try rows.next() {
                    // the row's bytes, not a copy: valid until the cursor moves on
                    try row.withUnsafeData(atIndex: 0) { data in
                        guard let data else { return }
                        try data.withUnsafeBytes { try RequestColumns.forEachGap(in: $0, body) }
                    }
                }
                return
            }
            guard RequestColumns.metrics.contains(metric) else { return }
            let values = try Double.fetchCursor(
                db, sql: "SELECT \(metric.rawValue) FROM requests \(filter) AND \(metric.rawValue) IS NOT NULL",
                arguments: [runID, configurationID])
            while let value = try values.next() { try body(value) }
        }
    }
}
