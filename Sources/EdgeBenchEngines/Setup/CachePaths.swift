import Foundation

/// Where EdgeBench keeps what it builds and fetches once per machine: outside any repository,
/// keyed by version so a new engine version never reuses an old build.
public struct CachePaths: Sendable {
    public var root: URL

    /// `$EDGEBENCH_CACHE`, else `$XDG_CACHE_HOME/edgebench`, else `~/.cache/edgebench`.
    public static func `default`() -> CachePaths {
        let env = ProcessInfo.processInfo.environment
        if let explicit = env["EDGEBENCH_CACHE"], !explicit.isEmpty {
            return CachePaths(root: URL(fileURLWithPath: explicit))
        }
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty {
            return CachePaths(root: URL(fileURLWithPath: xdg).appendingPathComponent("edgebench"))
        }
        let home = env["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return CachePaths(root: home.appendingPathComponent(".cache/edgebench"))
    }

    public init(root: URL) { self.root = root }

    public var engines: URL { root.appendingPathComponent("engines") }
    public var models: URL { root.appendingPathComponent("models") }

    /// A fresh scratch folder inside `parent` (same file system, so the final rename is atomic).
    func scratch(in parent: URL, name: String) throws -> URL {
        let dir = parent.appendingPathComponent(".tmp-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
