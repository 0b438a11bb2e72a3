import EdgeBenchCore
import Foundation
import GRDB

extension ResultStore {
    /// The metric columns of schema v4 and their units, frozen here as the migration wrote them (a new
    /// metric is a new migration that adds its column; `RequestColumns` checks the code against the schema).
    static let v4MetricColumns: [(name: String, unit: String)] = [
        ("ttft", "s"),
        ("e2e_latency", "s"),
        ("decode_time", "s"),
        ("decode_rate", "tok/s"),
        ("tpot", "s/token"),
        ("prefill_rate", "tok/s"),
        ("e2e_throughput", "tok/s"),
        ("server_prefill_rate", "tok/s"),
        ("server_decode_rate", "tok/s"),
        ("n_in", "tokens"),
        ("n_out", "tokens"),
        ("energy", "J"),
        ("mean_power", "W"),
        ("peak_power", "W"),
        ("active_energy", "J"),
        ("energy_per_token", "J/token"),
        ("tokens_per_joule", "tok/J"),
        ("decode_energy_per_token", "J/token"),
        ("prefill_energy_per_token", "J/token"),
        ("active_energy_per_token", "J/token"),
        ("throughput_per_watt", "tok/s/W"),
        ("idle_power", "W"),
        ("load_time", "s"),
        ("request_rate", "req/s"),
        ("system_output_rate", "tok/s"),
    ]

    /// v3 → v4: `requests` becomes one row of typed columns per request; the old rows are converted from
    /// their JSON (the per-metric rows held the same values), and `request_metrics` becomes a view over
    /// the columns, so queries written against v3 still read one row per request and metric.
    static func migrateToV4(_ db: GRDB.Database) throws {
        let metricColumns = v4MetricColumns.map { "\($0.name) REAL" }.joined(separator: ",\n    ")
        try db.execute(
            sql: """
                CREATE TABLE requests_v4 (
                    id INTEGER PRIMARY KEY,
                    run_id TEXT NOT NULL,
                    configuration_id TEXT NOT NULL,
                    request_index INTEGER NOT NULL,
                    warmup BOOLEAN NOT NULL,
                    \(metricColumns),
                    -- every inter-token gap, s: little-endian IEEE 754 binary64, 8 bytes each; NULL when none
                    itl BLOB,
                    -- the request's flags by id, in order, joined by commas; '' when none
                    flags TEXT NOT NULL DEFAULT '',
                    response TEXT,
                    FOREIGN KEY (run_id, configuration_id) REFERENCES configurations(run_id, id) ON DELETE CASCADE,
                    UNIQUE (run_id, configuration_id, warmup, request_index)
                )
                """)
        let names = v4MetricColumns.map(\.name)
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO requests_v4 (id, run_id, configuration_id, request_index, warmup, \
                \(names.joined(separator: ", ")), itl, flags, response)
                VALUES (?, ?, ?, ?, ?, \(names.map { _ in "?" }.joined(separator: ", ")), ?, ?, ?)
                """)
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, run_id, configuration_id, request_index, warmup, result_json FROM requests")
        while let row = try rows.next() {
            let id: Int64 = row["id"]
            let request: RequestResult
            do {
                request = try JSONDecoder().decode(RequestResult.self, from: Data((row["result_json"] as String).utf8))
            } catch {
                throw StoreError(
                    message: "request \(id) of run \(row["run_id"] as String) holds unreadable JSON (\(error)); "
                        + "it was written by another EdgeBench version or edited by hand")
            }
            var values: [DatabaseValue] = [
                id.databaseValue, row["run_id"], row["configuration_id"], row["request_index"], row["warmup"],
            ]
            for name in names {
                let value = MetricID(rawValue: name).flatMap { request.metrics[$0] }
                values.append(value.flatMap { $0.isFinite ? $0.databaseValue : nil } ?? .null)
            }
            values.append(RequestColumns.itlBlob(request.itl)?.databaseValue ?? .null)
            values.append(RequestColumns.flagsText(request.flags).databaseValue)
            values.append(request.response?.databaseValue ?? .null)
            insert.setUncheckedArguments(StatementArguments(values))
            try insert.execute()
        }
        try db.execute(
            sql: """
                DROP TABLE request_metrics;
                DROP TABLE requests;
                ALTER TABLE requests_v4 RENAME TO requests;
                """)
        try createRequestMetricsView(db, columns: v4MetricColumns)
    }
}
