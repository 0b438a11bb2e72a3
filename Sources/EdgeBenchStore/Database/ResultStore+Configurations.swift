import EdgeBenchCore
import GRDB

extension ResultStore {
    /// Records that a configuration starts (status "running" until `finishConfiguration`).
    /// Idempotent: beginning it again (resume) refreshes its description and keeps its requests.
    /// `device` is the hardware it runs on; nil keeps what an earlier begin stored.
    public func beginConfiguration(
        runID: String, configuration: EdgeBenchCore.Configuration, engine: EngineDescription?, device: Device? = nil
    ) throws {
        let configurationJSON = try Self.json(configuration)
        let engineJSON = try engine.map(Self.json)
        let deviceJSON = try device.map(Self.json)
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE id = ?", arguments: [runID]) != nil else {
                throw StoreError.unknownRun(runID, path: path)
            }
            try db.execute(
                sql: """
                    INSERT INTO configurations
                        (run_id, id, position, configuration_json, engine_json, device_json, status)
                    VALUES (?, ?, (SELECT COUNT(*) FROM configurations WHERE run_id = ?), ?, ?, ?, 'running')
                    ON CONFLICT (run_id, id) DO UPDATE SET
                        configuration_json = excluded.configuration_json,
                        engine_json = COALESCE(excluded.engine_json, configurations.engine_json),
                        device_json = COALESCE(excluded.device_json, configurations.device_json),
                        status = 'running',
                        error = NULL
                    """,
                arguments: [runID, configuration.id, runID, configurationJSON, engineJSON, deviceJSON])
        }
    }

    /// Records a configuration's outcome and statistics. `engine` (when known by now) replaces the one given at begin.
    public func finishConfiguration(
        runID: String, configurationID: String, engine: EngineDescription?, status: ConfigurationResult.Status,
        error: String?, summary: [MetricID: Summary], flags: [Flag], telemetry: [String: TelemetrySummary],
        power: PowerProvenance? = nil
    ) throws {
        // a non-finite point is not JSON: dropped rather than failing the whole configuration
        let powerJSON = try power.map { provenance in
            var finite = provenance
            finite.timeline = provenance.timeline?.finiteOnly()
            return try Self.json(finite)
        }
        let engineJSON = try engine.map(Self.json)
        let summaryJSON = try Self.json(summary.compactMapValues { $0.finiteOnly() })
        let flagsJSON = try Self.json(flags)
        let telemetryJSON = try Self.json(
            telemetry.filter { $0.value.mean.isFinite && $0.value.min.isFinite && $0.value.max.isFinite })
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE configurations SET
                        engine_json = COALESCE(?, engine_json), status = ?, error = ?,
                        summary_json = ?, flags_json = ?, telemetry_json = ?, power_json = ?
                    WHERE run_id = ? AND id = ?
                    """,
                arguments: [
                    engineJSON, status.rawValue, error, summaryJSON, flagsJSON, telemetryJSON, powerJSON, runID,
                    configurationID,
                ])
            if db.changesCount == 0 {
                throw StoreError.unknownConfiguration(configurationID, runID: runID, path: path)
            }
        }
    }

    /// The stored outcome of a configuration: nil when it was never begun; `.interrupted` when it was
    /// begun but never finished (the process stopped or died mid-way: resume it).
    public func configurationStatus(runID: String, configurationID: String) throws -> ConfigurationResult.Status? {
        let raw = try pool.read { db in
            try String.fetchOne(
                db, sql: "SELECT status FROM configurations WHERE run_id = ? AND id = ?",
                arguments: [runID, configurationID])
        }
        guard let raw else { return nil }
        return ConfigurationResult.Status(rawValue: raw) ?? .interrupted
    }

    /// A configuration's stored summary: nil when it has none (not begun, or not finished). A sweep's
    /// rates are placed from two earlier levels' summaries of the same run.
    public func summary(runID: String, configurationID: String) throws -> [MetricID: Summary]? {
        let text = try pool.read { db in
            try String.fetchOne(
                db, sql: "SELECT summary_json FROM configurations WHERE run_id = ? AND id = ? AND status = 'completed'",
                arguments: [runID, configurationID])
        }
        return try text.map { try decodeJSON([MetricID: Summary].self, from: $0, what: "summary JSON of \(configurationID)") }
    }

    /// The configurations of a run in the order they were begun (for `--resume` to rebuild the plan).
    public func configurations(runID: String) throws -> [EdgeBenchCore.Configuration] {
        let texts = try pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT configuration_json FROM configurations WHERE run_id = ? ORDER BY position",
                arguments: [runID])
        }
        return try texts.map { try decodeJSON(EdgeBenchCore.Configuration.self, from: $0, what: "configuration JSON") }
    }
}
