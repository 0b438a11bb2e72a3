import EdgeBenchCore
import GRDB

extension ResultStore {
    /// Stores one request in its own transaction: when this returns, the request is on disk.
    /// Warm-up requests are kept (flagged) for diagnosis but never exported as measurements.
    /// Recording the same index again (a resumed run redoing it) replaces the earlier row.
    public func recordRequest(runID: String, configurationID: String, result: RequestResult, warmup: Bool) throws {
        try RequestColumns.checkNoITLMetric(result, configurationID: configurationID)
        try pool.write { db in
            try insertRequest(db, configurationID: configurationID, runID: runID) { statement in
                RequestColumns.bind(statement, runID: runID, configurationID: configurationID, result: result, warmup: warmup)
            }
        }
    }

    /// Replaces the metrics and flags of a measured request already recorded, keeping its ITL gaps and
    /// response: a run attaches energy once the sampler has stopped, and by then it holds no response text.
    public func updateMeasures(runID: String, configurationID: String, result: RequestResult) throws {
        let arguments = try RequestColumns.measuresArguments(runID: runID, configurationID: configurationID, result: result)
        try pool.write { db in
            try db.execute(sql: RequestColumns.updateMeasuresSQL, arguments: arguments)
            guard db.changesCount == 1 else {
                throw StoreError(
                    message: "the results database at \(path) has no measured request \(result.index) of configuration "
                        + "\"\(configurationID)\" in run \(runID) to update; record it first")
            }
        }
    }

    /// The measured (not warm-up) requests stored so far, by index, so a resumed run continues after them.
    public func measuredRequests(runID: String, configurationID: String) throws -> [RequestResult] {
        var results: [RequestResult] = []
        try forEachRequest(runID: runID, configurationID: configurationID) { results.append($0) }
        return results
    }
}
