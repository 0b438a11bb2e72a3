import EdgeBenchCore
import GRDB

extension ResultStore {
    /// Stores a bundle measured elsewhere as a run of its own, in one transaction (all of it or nothing).
    /// Returns false, writing nothing, when a run with the bundle's id is stored already: bundles are
    /// deduplicated by run id. `planText` says where it came from (a bundle carries no plan text).
    @discardableResult
    public func importBundle(_ bundle: ResultBundle, planText: String) throws -> Bool {
        let bundle = bundle.finiteOnly()
        let rows = try bundle.configurations.map { try ImportedRow($0, requestCount: $0.requests.count) }
        for row in rows {
            for request in row.result.requests {
                try RequestColumns.checkNoITLMetric(request, configurationID: row.result.id)
            }
        }
        let runID = bundle.run.id
        return try pool.write { db in
            guard try insertRun(db, bundle, planText: planText, rows: rows) else { return false }
            for row in rows {
                let configurationID = row.result.id
                for request in row.result.requests {
                    try insertRequest(db, configurationID: configurationID, runID: runID) { statement in
                        RequestColumns.bind(statement, runID: runID, configurationID: configurationID, result: request, warmup: false)
                    }
                }
            }
            return true
        }
    }

    /// Stores bundle files as runs of their own, all in one transaction: a request that fails its checks
    /// in any file stores nothing of any file (the error names the file, line, column and JSON path).
    /// Requests go from the file to the database one at a time, each read in place into the columns'
    /// values (no `RequestResult`, no JSON re-encoded), so memory does not grow with them.
    /// Returns, per file, whether it was stored (false: its run id is stored already, nothing written).
    public func importBundles(_ files: [(reader: BundleReader, planText: String)]) throws -> [Bool] {
        try pool.write { db in
            try files.map { reader, planText in
                let bundle = reader.header
                let rows = try bundle.configurations.enumerated().map { index, result in
                    try ImportedRow(result, requestCount: reader.requestCounts[index])
                }
                guard try insertRun(db, bundle, planText: planText, rows: rows) else { return false }
                for (index, row) in rows.enumerated() {
                    let configurationID = row.result.id
                    try reader.readEachRequest(configuration: index) { position, fields in
                        if let value = fields[.itl] {
                            throw BundleError(
                                message: "\(reader.url.path): bundle JSON at $.configurations[\(index)].requests[\(position)]"
                                    + ".metrics.itl: ITL is "
                                    + "the request's list of gaps (`itl`), not one metric value (\(value)); move it there")
                        }
                        try insertRequest(db, configurationID: configurationID, runID: bundle.run.id) { statement in
                            RequestColumns.bind(
                                statement, runID: bundle.run.id, configurationID: configurationID, index: fields.index,
                                warmup: false, metric: { fields.metrics[RequestFields.columnSlots[$0]] }, itl: fields.itl,
                                flags: fields.flags, response: fields.response)
                        }
                    }
                }
                return true
            }
        }
    }

    /// The run, its environment and its configurations (without requests); false, writing nothing,
    /// when the run id is stored already.
    private func insertRun(_ db: GRDB.Database, _ bundle: ResultBundle, planText: String, rows: [ImportedRow]) throws -> Bool {
        let run = bundle.run
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE id = ?", arguments: [run.id]) == nil else {
            return false
        }
        let analysisJSON = try bundle.analysis.map(Self.json)
        try db.execute(
            sql: """
                INSERT INTO runs (id, started_at, edgebench_version, plan_hash, plan_name, plan_text, analysis_json)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                run.id, run.startedAt, run.edgebenchVersion, run.planHash, run.planName, planText, analysisJSON,
            ])
        let environment = bundle.environment
        try db.execute(
            sql: """
                INSERT INTO environment
                    (run_id, hostname, board, cpu_model, cpu_cores, memory_bytes, os, kernel, architecture)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                run.id, environment.hostname, environment.board, environment.cpuModel, environment.cpuCores,
                environment.memoryBytes, environment.os, environment.kernel, environment.architecture,
            ])
        for (position, row) in rows.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO configurations
                        (run_id, id, position, configuration_json, engine_json, status, error, summary_json,
                         flags_json, telemetry_json, power_json, device_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.id, row.result.id, position, row.configuration, row.engine, row.result.status.rawValue,
                    row.result.error, row.summary, row.flags, row.telemetry, row.power, row.device,
                ])
        }
        return true
    }

    /// One configuration of an imported bundle, as the columns hold it.
    private struct ImportedRow {
        var result: ConfigurationResult
        var configuration: String
        var engine: String
        var summary: String
        var flags: String
        var telemetry: String
        var power: String?
        var device: String?

        init(_ result: ConfigurationResult, requestCount: Int) throws {
            self.result = result
            // What the measuring machine's plan asked for is not in a bundle: rebuilt from what ran. It is
            // only read back for the workload and for resuming, and an imported run is never resumed.
            let engine = result.engine
            let spec = EngineSpec(
                name: engine.name, kind: EngineKind(rawValue: engine.adapter), url: engine.url,
                threads: engine.threads, contextSize: engine.contextSize)
            let configuration = EdgeBenchCore.Configuration(
                id: result.id, engine: spec, model: ModelSpec(name: result.model.name, file: result.model.file),
                workload: result.workload, repetitions: requestCount, warmup: 0,
                llamaBenchOf: result.llamaBenchOf, load: result.load)
            self.configuration = try ResultStore.json(configuration)
            self.engine = try ResultStore.json(engine)
            summary = try ResultStore.json(result.summary)
            flags = try ResultStore.json(result.flags)
            telemetry = try ResultStore.json(result.telemetry)
            power = try result.power.map(ResultStore.json)
            device = try result.device.map(ResultStore.json)
        }
    }
}
