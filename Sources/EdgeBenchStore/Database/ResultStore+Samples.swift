import EdgeBenchCore
import GRDB

extension ResultStore {
    /// Stores telemetry samples in one transaction (the sampler hands them over in batches).
    /// `configurationID` is nil for samples outside any configuration (e.g. between them).
    public func recordSamples(runID: String, configurationID: String?, _ samples: [Sample]) throws {
        guard !samples.isEmpty else { return }
        try pool.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO samples (run_id, configuration_id, at_ns, source, channel, quantity, value)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            // a non-finite reading is a sensor glitch, not a value: it is not stored
            for sample in samples where sample.reading.value.isFinite {
                try insert.execute(arguments: [
                    runID, configurationID, Int64(clamping: sample.at.nanoseconds), sample.source,
                    sample.reading.channel, sample.reading.quantity.rawValue, sample.reading.value,
                ])
            }
        }
    }

    /// The stored samples of a run (all, or one configuration's), in time order.
    public func samples(runID: String, configurationID: String? = nil) throws -> [Sample] {
        try pool.read { db in
            var sql = "SELECT * FROM samples WHERE run_id = ?"
            var arguments: StatementArguments = [runID]
            if let configurationID {
                sql += " AND configuration_id = ?"
                arguments += [configurationID]
            }
            sql += " ORDER BY at_ns, id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let quantityText: String = row["quantity"]
                guard let quantity = Quantity(rawValue: quantityText) else {
                    throw StoreError(
                        message: "the results database at \(path) holds a sample with unknown quantity "
                            + "\"\(quantityText)\"; it was written by a newer EdgeBench version")
                }
                let at: Int64 = row["at_ns"]
                return Sample(
                    at: Instant(nanoseconds: UInt64(max(0, at))), source: row["source"],
                    reading: Reading(
                        channel: row["channel"], quantity: quantity, value: row["value"]))
            }
        }
    }
}
