import GRDB

extension ResultStore {
    /// Append-only: a released migration is never edited, a schema change is a new `vN`.
    static let migrations: [(id: String, body: @Sendable (GRDB.Database) throws -> Void)] = [
        ("v1", { db in
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
        }),
        // Energy figures say where they come from (source, channel, boundary, samples, idle baseline).
        ("v2", { db in
            try db.execute(sql: "ALTER TABLE configurations ADD COLUMN power_json TEXT")
        }),
        // Derived metrics need the hardware (catalog entry + plan overrides) and the plan's analysis inputs.
        ("v3", { db in
            try db.execute(sql: "ALTER TABLE configurations ADD COLUMN device_json TEXT")
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN analysis_json TEXT")
        }),
        // A request is one row of typed columns (a REAL per metric, the ITL gaps as one BLOB) instead of
        // its JSON plus a row per metric: a tenth of the writes, and no JSON encoder on the hot path.
        ("v4", { db in try ResultStore.migrateToV4(db) }),
        // Load profiles (a request's send lag, a level's figures) and cold starts (cold_ttft, cold_energy).
        ("v5", { db in try ResultStore.migrateToV5(db) }),
    ]

    /// GRDB's migrator over the same list: for tests that stop at an older version.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations { migrator.registerMigration(migration.id, migrate: migration.body) }
        return migrator
    }

    /// Brings the database up to date in one immediate transaction (the write lock, waited for under the
    /// busy timeout). GRDB's migrator reads what is applied outside its per-migration transactions, so
    /// processes that open one new database at once both saw "nothing applied" and the second failed with
    /// "table runs already exists". Here the check and the migrations are one unit: whoever waits sees the
    /// finished schema. The bookkeeping table is GRDB's, so either way of migrating reads the other's.
    static func migrate(_ queue: DatabaseQueue) throws {
        let known = migrations.map(\.id)
        // Up to date (every open but a database's first): no write lock, so `report --db` never waits on a run.
        if try queue.read({ db in try Set(appliedMigrations(db)).isSuperset(of: known) }) { return }
        try queue.writeWithoutTransaction { db in
            // A table rebuild (v4) needs foreign keys off, which SQLite ignores inside a transaction;
            // foreign_key_check below keeps them honest.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction(.immediate) {
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                let applied = Set(try appliedMigrations(db))
                for migration in migrations where !applied.contains(migration.id) {
                    try migration.body(db)
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.id])
                }
                if let violation = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                    throw DatabaseError(message: "a migration broke a foreign key: \(violation)")
                }
                return .commit
            }
        }
    }

    private static func appliedMigrations(_ db: GRDB.Database) throws -> [String] {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
    }
}
