import EdgeBenchCore
import GRDB
import GRDBSQLite

/// SQLite copies a value bound with this destructor before the bind returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension RequestColumns {
    /// Binds one row's values to a prepared `insertSQL` through SQLite's C API, in its column order.
    ///
    /// Why not GRDB's `StatementArguments`: its initialiser maps every value through a key path that is
    /// not specialised across modules, which took a fifth of the CPU of importing 100,000 requests (perf,
    /// release build). `metric(slot)` gives the value of `metrics[slot]`, nil or non-finite when the
    /// request has none (NaN and ±∞ are not measurements; JSON could not hold them).
    static func bind(
        _ statement: SQLiteStatement, runID: String, configurationID: String, index: Int, warmup: Bool,
        metric: (Int) -> Double?, itl: [Double], flags: [Flag], response: String?
    ) {
        sqlite3_bind_text(statement, 1, runID, -1, transient)
        sqlite3_bind_text(statement, 2, configurationID, -1, transient)
        sqlite3_bind_int64(statement, 3, Int64(index))
        sqlite3_bind_int64(statement, 4, warmup ? 1 : 0)
        var position: CInt = 5
        for slot in metrics.indices {
            if let value = metric(slot), value.isFinite {
                sqlite3_bind_double(statement, position, value)
            } else {
                sqlite3_bind_null(statement, position)
            }
            position += 1
        }
        bindGaps(statement, at: position, itl)
        sqlite3_bind_text(statement, position + 1, flagsText(flags), -1, transient)
        if let response {
            sqlite3_bind_text(statement, position + 2, response, -1, transient)
        } else {
            sqlite3_bind_null(statement, position + 2)
        }
    }

    /// A `RequestResult`'s row (checked with `checkNoITLMetric` first).
    static func bind(_ statement: SQLiteStatement, runID: String, configurationID: String, result: RequestResult, warmup: Bool) {
        bind(
            statement, runID: runID, configurationID: configurationID, index: result.index, warmup: warmup,
            metric: { result.metrics[metrics[$0]] }, itl: result.itl, flags: result.flags, response: result.response)
    }

    /// The finite gaps as `itlBlob` lays them out (little-endian binary64), NULL when there are none.
    private static func bindGaps(_ statement: SQLiteStatement, at position: CInt, _ gaps: [Double]) {
        #if _endian(little)
        if gaps.allSatisfy(\.isFinite) {
            guard !gaps.isEmpty else {
                sqlite3_bind_null(statement, position)
                return
            }
            // The array's own bytes are the BLOB's on a little-endian machine: no copy before SQLite's.
            gaps.withUnsafeBytes { bytes in
                _ = sqlite3_bind_blob(statement, position, bytes.baseAddress, CInt(bytes.count), transient)
            }
            return
        }
        #endif
        guard let blob = itlBlob(gaps) else {
            sqlite3_bind_null(statement, position)
            return
        }
        blob.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(statement, position, bytes.baseAddress, CInt(bytes.count), transient)
        }
    }
}

extension ResultStore {
    /// Inserts one request row (`RequestColumns.insertSQL`, the statement prepared once per connection),
    /// inside the caller's transaction; `bind` gives the row's values (`RequestColumns.bind`).
    func insertRequest(
        _ db: GRDB.Database, configurationID: String, runID: String, bind: (SQLiteStatement) -> Void
    ) throws {
        let statement = try db.cachedStatement(sql: RequestColumns.insertSQL).sqliteStatement
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        bind(statement)
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            let extended = ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection))
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(statement)
            if extended == .SQLITE_CONSTRAINT_FOREIGNKEY {
                throw StoreError.unknownConfiguration(configurationID, runID: runID, path: path)
            }
            throw DatabaseError(resultCode: extended, message: message, sql: RequestColumns.insertSQL)
        }
        sqlite3_reset(statement)
    }
}
