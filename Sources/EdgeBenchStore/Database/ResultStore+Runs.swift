import EdgeBenchCore
import GRDB

extension ResultStore {
    /// Records the start of a run with the machine it measures and the plan it follows.
    /// Beginning a run that exists already (resume) keeps it and its results.
    /// `analysis` is the plan's inputs to derived metrics (nil: the defaults).
    public func beginRun(
        _ run: RunInfo, environment: Environment, planText: String, analysis: AnalysisParameters? = nil
    ) throws {
        let analysisJSON = try analysis.map(Self.json)
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, started_at, edgebench_version, plan_hash, plan_name, plan_text, analysis_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO NOTHING
                    """,
                arguments: [
                    run.id, run.startedAt, run.edgebenchVersion, run.planHash, run.planName, planText, analysisJSON,
                ])
            try db.execute(
                sql: """
                    INSERT INTO environment
                        (run_id, hostname, board, cpu_model, cpu_cores, memory_bytes, os, kernel, architecture)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (run_id) DO NOTHING
                    """,
                arguments: [
                    run.id, environment.hostname, environment.board, environment.cpuModel, environment.cpuCores,
                    environment.memoryBytes, environment.os, environment.kernel, environment.architecture,
                ])
        }
    }

    /// Every stored run, oldest first.
    public func runs() throws -> [RunInfo] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY started_at, id").map(Self.runInfo)
        }
    }

    /// The plan text a run was started with (for `--resume`).
    public func planText(runID: String) throws -> String {
        let text = try pool.read { db in
            try String.fetchOne(db, sql: "SELECT plan_text FROM runs WHERE id = ?", arguments: [runID])
        }
        guard let text else { throw StoreError.unknownRun(runID, path: path) }
        return text
    }

    /// Whether a run with this id is stored (bundle import deduplicates by it).
    public func hasRun(id: String) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE id = ?", arguments: [id]) != nil
        }
    }

    static func runInfo(_ row: Row) -> RunInfo {
        RunInfo(
            id: row["id"], startedAt: row["started_at"], edgebenchVersion: row["edgebench_version"],
            planHash: row["plan_hash"], planName: row["plan_name"])
    }

    func environment(runID: String, _ db: GRDB.Database) throws -> Environment {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM environment WHERE run_id = ?", arguments: [runID])
        else { throw StoreError.unknownRun(runID, path: path) }
        return Environment(
            hostname: row["hostname"], board: row["board"], cpuModel: row["cpu_model"], cpuCores: row["cpu_cores"],
            memoryBytes: row["memory_bytes"], os: row["os"], kernel: row["kernel"], architecture: row["architecture"])
    }
}
