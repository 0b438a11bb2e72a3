import EdgeBenchCore
import Foundation
import GRDB

/// The results database (SQLite, WAL): every measured request is committed as it finishes,
/// so a crash or Ctrl-C loses at most the request in flight.
public final class ResultStore: Sendable {
    /// the file, as given
    public let path: String
    /// One connection (a queue, named `pool` from when it was one): see `init`.
    let pool: DatabaseQueue

    /// Opens (or creates) the database at `path`, creating missing parent folders, and migrates it.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        if let blocker = FolderCheck.fileBlocking(url.deletingLastPathComponent()) {
            throw StoreError.cannotOpen(path, reason: "\(blocker.path) exists and is not a folder")
        }
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(
                path, reason: "cannot create folder \(url.deletingLastPathComponent().path) (\(Self.reason(error)))")
        }
        var config = GRDB.Configuration()
        // A reader waits for a writer's commit instead of failing with SQLITE_BUSY. 30 s, not 10: processes
        // opening one new database queue for its migrations one after another, and on a loaded 2-core machine
        // (or a board's slow SD card) eight of them took over 10 s between them.
        config.busyMode = .timeout(30)
        // WAL, as a pool would set it: readers in other processes (`report --db`) never block a run's
        // commits, and a commit is one append.
        config.journalMode = .wal
        // EdgeBench runs on the board it measures, and nothing in one process reads while it writes
        // (requests and samples are written as they come, read back after): one connection with 1 MiB of
        // page cache (SQLite's default is 2 MiB) instead of a pool's writer plus reader, each with its own.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -1024") }
        do {
            pool = try Self.openAndMigrate(path: path, configuration: config)
        } catch {
            throw StoreError.cannotOpen(path, reason: Self.reason(error))
        }
    }

    /// Opens and migrates, again after a short pause when SQLite answers SQLITE_BUSY without waiting: while
    /// another process turns a brand-new file into a WAL database (or recovers its WAL), an opener can get
    /// "database is locked" at once, before the busy timeout applies (seen with eight openers on a loaded
    /// machine, failing in under a second). For up to 30 s, as the busy timeout.
    private static func openAndMigrate(path: String, configuration: GRDB.Configuration) throws -> DatabaseQueue {
        let deadline = ContinuousClock.now + .seconds(30)
        var pause = 0.02
        while true {
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try migrate(queue)
                return queue
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.5)
            }
        }
    }


    static func reason(_ error: any Error) -> String {
        if let db = error as? DatabaseError {
            return db.message ?? db.description
        }
        return SystemErrorText.reason(error)
    }

    // MARK: - JSON columns

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func decodeJSON<T: Decodable>(_ type: T.Type, from text: String, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt(what, path: path, error: error)
        }
    }
}
