import GRDB

extension ResultStore {
    /// The metric columns schema v5 adds (METRICS.md "Cold start") and their units, frozen here as the
    /// migration writes them; with v4's they are every metric a request can hold.
    static let v5MetricColumns: [(name: String, unit: String)] = [
        ("cold_ttft", "s"),
        ("cold_energy", "J"),
    ]

    /// Every metric column of the current schema, in column order.
    static var metricColumns: [(name: String, unit: String)] { v4MetricColumns + v5MetricColumns }

    /// v4 → v5: a REAL column per cold-start metric (NULL in every request stored before), and
    /// `request_metrics` rebuilt over all the metric columns, so SQL sees the new metrics there too.
    static func migrateToV5(_ db: GRDB.Database) throws {
        for column in v5MetricColumns {
            try db.execute(sql: "ALTER TABLE requests ADD COLUMN \(column.name) REAL")
        }
        let view = metricColumns.map { column in
            "SELECT id AS request_id, '\(column.name)' AS metric, \(column.name) AS value, '\(column.unit)' AS unit "
                + "FROM requests WHERE \(column.name) IS NOT NULL"
        }
        try db.execute(sql: "DROP VIEW request_metrics")
        try db.execute(sql: "CREATE VIEW request_metrics AS\n" + view.joined(separator: "\nUNION ALL\n"))
    }
}
