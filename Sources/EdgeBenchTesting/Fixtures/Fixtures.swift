import Foundation

/// The real captures in `Tests/Fixtures/` (SOURCES.md there says where each came from), found from this
/// file's own path so every test target and `bench/` reads the same copy. `EDGEBENCH_FIXTURES` points
/// elsewhere, e.g. at a folder of new captures being tried out.
public enum Fixtures {
    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "fixture missing: \(path) (the captures live in Tests/Fixtures; EDGEBENCH_FIXTURES overrides the folder)"
        }
    }

    /// `Tests/Fixtures`, or `EDGEBENCH_FIXTURES` when set.
    public static func root() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["EDGEBENCH_FIXTURES"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        // Sources/EdgeBenchTesting/Fixtures/Fixtures.swift → repository root → Tests/Fixtures
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Fixtures")
        guard FileManager.default.fileExists(atPath: root.path) else { throw Missing(path: root.path) }
        return root
    }

    /// A capture's URL, checked to exist.
    public static func url(_ relative: String) throws -> URL {
        let url = try root().appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.path) }
        return url
    }

    public static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    public static func bytes(_ relative: String) throws -> [UInt8] {
        let url = try url(relative)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Missing(path: url.path) }
        return Array(data)
    }
}
