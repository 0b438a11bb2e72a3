import EdgeBenchCore
import GRDB

extension ResultStore {
    /// Rebuilds the portable bundle of a run from the database: measured requests only, configurations
    /// in the order they were begun. A configuration that never finished is exported as interrupted.
    /// `requests: false` leaves every configuration's `requests` empty (a report reads what it needs
    /// from the store's aggregates instead: `measuredRequestCount`, `forEachMeasuredValue`).
    public func bundle(runID: String, requests: Bool = true) throws -> ResultBundle {
        let (runRow, environment, configurationRows) = try pool.read { db in
            (
                try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [runID]),
                try? self.environment(runID: runID, db),
                try Row.fetchAll(
                    db, sql: "SELECT * FROM configurations WHERE run_id = ? ORDER BY position", arguments: [runID])
            )
        }
        guard let runRow, let environment else { throw StoreError.unknownRun(runID, path: path) }
        let configurations = try configurationRows.map {
            try configurationResult(runID: runID, row: $0, requests: requests)
        }
        let analysis = try (runRow["analysis_json"] as String?).map {
            try decodeJSON(AnalysisParameters.self, from: $0, what: "analysis JSON of run \(runID)")
        }
        return ResultBundle(
            run: Self.runInfo(runRow), environment: environment, configurations: configurations, analysis: analysis)
    }

    private func configurationResult(runID: String, row: Row, requests: Bool) throws -> ConfigurationResult {
        let id: String = row["id"]
        let configuration = try decodeJSON(
            EdgeBenchCore.Configuration.self, from: row["configuration_json"], what: "configuration JSON of \(id)")
        let engine: EngineDescription
        if let text: String = row["engine_json"] {
            engine = try decodeJSON(EngineDescription.self, from: text, what: "engine JSON of \(id)")
        } else {
            engine = Self.plannedEngine(configuration)
        }
        let statusText: String = row["status"]
        let finished = ConfigurationResult.Status(rawValue: statusText)
        var error: String? = row["error"]
        if finished == nil && error == nil {
            error = "the run stopped before this configuration finished; continue it with --resume"
        }
        let summary = try (row["summary_json"] as String?).map {
            try decodeJSON([MetricID: Summary].self, from: $0, what: "summary JSON of \(id)")
        }
        let flags = try (row["flags_json"] as String?).map {
            try decodeJSON([Flag].self, from: $0, what: "flags JSON of \(id)")
        }
        let telemetry = try (row["telemetry_json"] as String?).map {
            try decodeJSON([String: TelemetrySummary].self, from: $0, what: "telemetry JSON of \(id)")
        }
        let power = try (row["power_json"] as String?).map {
            try decodeJSON(PowerProvenance.self, from: $0, what: "power JSON of \(id)")
        }
        let device = try (row["device_json"] as String?).map {
            try decodeJSON(Device.self, from: $0, what: "device JSON of \(id)")
        }
        return ConfigurationResult(
            id: id, engine: engine, model: engine.model, workload: configuration.workload,
            status: finished ?? .interrupted, error: error,
            requests: requests ? try measuredRequests(runID: runID, configurationID: id) : [],
            summary: summary ?? [:], flags: flags ?? [], telemetry: telemetry ?? [:], power: power, device: device,
            llamaBenchOf: configuration.llamaBenchOf, load: configuration.load)
    }

    /// What the plan asked for, when the engine failed before it could describe itself.
    static func plannedEngine(_ configuration: EdgeBenchCore.Configuration) -> EngineDescription {
        let spec = configuration.engine
        return EngineDescription(
            adapter: spec.kind.rawValue, name: spec.name, url: spec.url,
            threads: spec.threads, contextSize: spec.contextSize,
            model: ModelInfo(name: configuration.model.name, file: configuration.model.file))
    }
}
