import GRDB

extension ResultStore {
    /// Append-only: a released migration is never edited, a schema change is a new `vN`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    started_at TEXT NOT NULL,
                    edgebench_version TEXT NOT NULL,
                    plan_hash TEXT NOT NULL,
                    plan_name TEXT,
                    plan_text TEXT NOT NULL
                );
                CREATE TABLE environment (
                    run_id TEXT PRIMARY KEY NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    hostname TEXT NOT NULL,
                    board TEXT,
                    cpu_model TEXT,
                    cpu_cores INTEGER NOT NULL,
                    memory_bytes INTEGER,
                    os TEXT,
                    kernel TEXT,
                    architecture TEXT
                );
                -- status 'running': begun and not finished (the process may have died: resume it)
                CREATE TABLE configurations (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    configuration_json TEXT NOT NULL,
                    engine_json TEXT,
                    status TEXT NOT NULL DEFAULT 'running'
                        CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
                    error TEXT,
                    summary_json TEXT,
                    flags_json TEXT,
                    telemetry_json TEXT,
                    PRIMARY KEY (run_id, id)
                );
                CREATE TABLE requests (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL,
                    configuration_id TEXT NOT NULL,
                    request_index INTEGER NOT NULL,
                    warmup BOOLEAN NOT NULL,
                    result_json TEXT NOT NULL,
                    FOREIGN KEY (run_id, configuration_id) REFERENCES configurations(run_id, id) ON DELETE CASCADE,
                    UNIQUE (run_id, configuration_id, warmup, request_index)
                );
                -- one row per request and metric, so SQL can aggregate without parsing JSON
                CREATE TABLE request_metrics (
                    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
                    metric TEXT NOT NULL,
                    value REAL NOT NULL,
                    unit TEXT NOT NULL,
                    PRIMARY KEY (request_id, metric)
                );
                CREATE TABLE samples (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    configuration_id TEXT,
                    at_ns INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    quantity TEXT NOT NULL,
                    value REAL NOT NULL
                );
                CREATE INDEX samples_by_window ON samples(run_id, configuration_id, at_ns);
                CREATE INDEX request_metrics_by_metric ON request_metrics(metric);
                """)
        }
        // Energy figures say where they come from (source, channel, boundary, samples, idle baseline).
        migrator.registerMigration("v2") { db in
            try db.execute(sql: "ALTER TABLE configurations ADD COLUMN power_json TEXT")
        }
        // Derived metrics need the hardware (catalog entry + plan overrides) and the plan's analysis inputs.
        migrator.registerMigration("v3") { db in
            try db.execute(sql: "ALTER TABLE configurations ADD COLUMN device_json TEXT")
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN analysis_json TEXT")
        }
        // A request is one row of typed columns (a REAL per metric, the ITL gaps as one BLOB) instead of
        // its JSON plus a row per metric: a tenth of the writes, and no JSON encoder on the hot path.
        migrator.registerMigration("v4") { db in try migrateToV4(db) }
        return migrator
    }
}
