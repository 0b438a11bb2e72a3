import EdgeBenchCore
import Foundation

/// Hashing a multi-GB model takes seconds on a board: do it once per file per run.
final class ModelHashCache: @unchecked Sendable {
    private let lock = NSLock()
    private var hashes: [String: String] = [:]

    func sha256(of url: URL) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let known = hashes[url.path] { return known }
        let hash = try FileDigest.sha256(of: url)
        hashes[url.path] = hash
        return hash
    }
}
