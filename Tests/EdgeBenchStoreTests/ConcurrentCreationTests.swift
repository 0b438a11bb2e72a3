import Foundation
import GRDB
import Testing

@testable import EdgeBenchStore

/// Several processes (here connections on their own threads) creating one new database at once: each
/// waits for the others' migrations instead of failing with "table runs already exists".
@Suite struct ConcurrentCreationTests {
    @Test func everyOpenerOfANewDatabaseSucceeds() throws {
        let directory = try temporaryDirectory("concurrent-create")
        defer { try? FileManager.default.removeItem(at: directory) }
        let openers = 8
        for round in 0..<10 {
            let path = directory.appendingPathComponent("round-\(round).sqlite").path
            let outcomes = Outcomes()
            let start = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            for _ in 0..<openers {
                done.enter()
                Thread.detachNewThread {
                    start.wait()
                    do {
                        let store = try ResultStore(path: path)
                        let applied = try store.pool.read { db in
                            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
                        }
                        outcomes.add(applied.joined(separator: ","))
                    } catch {
                        outcomes.add("error: \(error)")
                    }
                    done.leave()
                }
            }
            for _ in 0..<openers { start.signal() }
            done.wait()
            #expect(outcomes.all == Array(repeating: "v1,v2,v3,v4,v5", count: openers), "round \(round)")
        }
    }
}

private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func add(_ value: String) { lock.withLock { values.append(value) } }
    var all: [String] { lock.withLock { values } }
}
