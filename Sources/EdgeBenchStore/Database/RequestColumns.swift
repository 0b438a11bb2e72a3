import EdgeBenchCore
import Foundation
import GRDB

/// How the `requests` table (schema v4) holds one request: a REAL column per metric a request can have
/// (named by its id, NULL when the request has none), the ITL gaps as one BLOB, the flags as their ids
/// joined by commas, and the response text. SQL aggregates the metric columns directly
/// (`SELECT AVG(ttft) …`; the `request_metrics` view gives one row per request and metric).
///
/// The ITL BLOB is little-endian IEEE 754 binary64 seconds, 8 bytes a gap: the exact Double a run
/// measured, so a request read back equals the request recorded and a bundle exported from the store
/// equals the one imported, bit for bit. Float32 would halve the bytes but keep only 24 bits (about
/// 7 significant digits: ±1 ns on a 10 ms gap), and the values would no longer round-trip.
enum RequestColumns {
    /// every metric a request can hold, in column order. `itl` is not one: its values are the gaps.
    static let metrics: [MetricID] = MetricID.measured.filter { $0 != .itl }

    static let insertSQL: String = {
        let names = metrics.map(\.rawValue)
        // a request recorded again under the same index (a resumed run redoing it, or the same index
        // twice in one bundle) replaces the earlier row: the later one wins
        return """
            INSERT OR REPLACE INTO requests (run_id, configuration_id, request_index, warmup, \
            \(names.joined(separator: ", ")), itl, flags, response)
            VALUES (?, ?, ?, ?, \(names.map { _ in "?" }.joined(separator: ", ")), ?, ?, ?)
            """
    }()

    /// Sets a stored measured request's metrics and flags, keeping its ITL and response (what changes once
    /// energy is attached).
    static let updateMeasuresSQL: String = {
        let assignments = (metrics.map(\.rawValue) + ["flags"]).map { "\($0) = ?" }.joined(separator: ", ")
        return """
            UPDATE requests SET \(assignments)
            WHERE run_id = ? AND configuration_id = ? AND request_index = ? AND warmup = 0
            """
    }()

    /// The columns `result(_:)` reads, in its order.
    static let selectList = (["request_index"] + metrics.map(\.rawValue) + ["itl", "flags", "response"])
        .joined(separator: ", ")

    /// The values for `updateMeasuresSQL`.
    static func measuresArguments(runID: String, configurationID: String, result: RequestResult) throws
        -> StatementArguments
    {
        try checkNoITLMetric(result, configurationID: configurationID)
        var values: [DatabaseValue] = []
        values.reserveCapacity(metrics.count + 4)
        for metric in metrics {
            if let value = result.metrics[metric], value.isFinite { values.append(value.databaseValue) } else { values.append(.null) }
        }
        values.append(flagsText(result.flags).databaseValue)
        values.append(runID.databaseValue)
        values.append(configurationID.databaseValue)
        values.append(result.index.databaseValue)
        return StatementArguments(values)
    }

    static func checkNoITLMetric(_ result: RequestResult, configurationID: String) throws {
        if let value = result.metrics[.itl], value.isFinite {
            throw StoreError(
                message: "request \(result.index) of configuration \"\(configurationID)\" holds an `itl` metric "
                    + "(\(value)); ITL is stored as the request's gaps (its `itl` list), not as one value: "
                    + "move it there")
        }
    }

    // MARK: - ITL

    /// The finite gaps as little-endian binary64; nil when there are none.
    static func itlBlob(_ gaps: [Double]) -> Data? {
        let finite = gaps.allSatisfy(\.isFinite) ? gaps : gaps.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        var data = Data(count: finite.count * 8)
        data.withUnsafeMutableBytes { buffer in
            for (index, gap) in finite.enumerated() {
                buffer.storeBytes(of: gap.bitPattern.littleEndian, toByteOffset: index * 8, as: UInt64.self)
            }
        }
        return data
    }

    /// Calls `body` with each gap of an ITL BLOB.
    static func forEachGap(in blob: UnsafeRawBufferPointer, _ body: (Double) throws -> Void) rethrows {
        var offset = 0
        while offset + 8 <= blob.count {
            try body(Double(bitPattern: UInt64(littleEndian: blob.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
            offset += 8
        }
    }

    static func itl(_ blob: Data?) -> [Double] {
        guard let blob, !blob.isEmpty else { return [] }
        var gaps: [Double] = []
        gaps.reserveCapacity(blob.count / 8)
        blob.withUnsafeBytes { forEachGap(in: $0) { gaps.append($0) } }
        return gaps
    }

    // MARK: - Flags

    static func flagsText(_ flags: [Flag]) -> String {
        flags.isEmpty ? "" : flags.map(\.rawValue).joined(separator: ",")
    }

    /// nil names the unknown id (a newer EdgeBench's flag).
    static func flags(_ text: String) -> Result<[Flag], UnknownFlag> {
        guard !text.isEmpty else { return .success([]) }
        var flags: [Flag] = []
        for part in text.split(separator: ",") {
            guard let flag = Flag(rawValue: String(part)) else { return .failure(UnknownFlag(id: String(part))) }
            flags.append(flag)
        }
        return .success(flags)
    }

    struct UnknownFlag: Error { var id: String }

    // MARK: - Reading

    /// A row selected with `selectList`, as the request it stores.
    static func result(_ row: Row, path: String) throws -> RequestResult {
        let index: Int = row[0]
        var metrics: [MetricID: Double] = [:]
        for (offset, metric) in Self.metrics.enumerated() {
            if let value: Double = row[offset + 1] { metrics[metric] = value }
        }
        let base = Self.metrics.count + 1
        let blob: Data? = row[base]
        let flagsText: String = row[base + 1]
        let flags: [Flag]
        switch Self.flags(flagsText) {
        case .success(let parsed): flags = parsed
        case .failure(let unknown):
            throw StoreError(
                message: "the results database at \(path) holds request \(index) with unknown flag "
                    + "\"\(unknown.id)\"; it was written by a newer EdgeBench version")
        }
        return RequestResult(index: index, metrics: metrics, itl: itl(blob), flags: flags, response: row[base + 2])
    }
}
