import GRDB

extension ResultStore {
    /// The metric columns schema v5 adds, frozen as the migration wrote them: load profiles' per-request
    /// send lag and per-configuration level figures (METRICS.md "Load profiles"), and the cold-start
    /// metrics (METRICS.md "Cold start").
    static let v5MetricColumns: [(name: String, unit: String)] = [
        ("send_lag", "s"),
        ("concurrency_achieved", "ratio"),
        ("goodput", "req/s"),
        ("request_errors", "requests"),
        ("request_timeouts", "requests"),
        ("cold_ttft", "s"),
        ("cold_energy", "J"),
    ]

    /// Every metric column the schema has after the last migration, in order: what `request_metrics`
    /// lists and what `RequestColumns` must match.
    static var metricColumns: [(name: String, unit: String)] { v4MetricColumns + v5MetricColumns }

    /// v4 → v5: load profiles and cold starts. New metric columns (NULL in every existing row: those requests
    /// were sent synchronously, to a warm model), and the `request_metrics` view rebuilt over all of them.
    static func migrateToV5(_ db: GRDB.Database) throws {
        for column in v5MetricColumns {
            try db.execute(sql: "ALTER TABLE requests ADD COLUMN \(column.name) REAL")
        }
        try db.execute(sql: "DROP VIEW request_metrics")
        try createRequestMetricsView(db, columns: v4MetricColumns + v5MetricColumns)
    }

    static func createRequestMetricsView(_ db: GRDB.Database, columns: [(name: String, unit: String)]) throws {
        let view = columns.map { column in
            "SELECT id AS request_id, '\(column.name)' AS metric, \(column.name) AS value, '\(column.unit)' AS unit "
                + "FROM requests WHERE \(column.name) IS NOT NULL"
        }
        try db.execute(sql: "CREATE VIEW request_metrics AS\n" + view.joined(separator: "\nUNION ALL\n"))
    }
}
