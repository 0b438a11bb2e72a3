import EdgeBenchCore
import EdgeBenchStore
import Foundation

/// Which stored runs `analyze`, `recommend` and `report` read: every run of a database (plus any
/// named), the named runs, or else the newest run under the output folder.
public struct RunSelection: Sendable {
    /// Run directories or bundle.json files.
    public var runs: [String]
    public var database: String?
    /// The folder of run directories searched for the newest run when none is named.
    public var output: String

    public init(runs: [String] = [], database: String? = nil, output: String = "edgebench-results") {
        self.runs = runs
        self.database = database
        self.output = output
    }

    public func bundles() throws -> [ResultBundle] {
        if let database {
            // opening a store creates it; a mistyped path must not leave an empty database behind
            guard FileManager.default.fileExists(atPath: database) else {
                throw RunSelectionError(
                    "no results database at \(database); check the path (edgebench run writes <output>/edgebench.sqlite)")
            }
            let store = try ResultStore(path: database)
            let bundles = try store.runs().map { try store.bundle(runID: $0.id) } + runs.map(Self.bundle(at:))
            guard !bundles.isEmpty else {
                throw RunSelectionError("the database \(database) holds no run; run `edgebench run` first")
            }
            return bundles
        }
        if !runs.isEmpty { return try runs.map(Self.bundle(at:)) }
        return [try Self.bundle(at: try newestRun())]
    }

    /// A bundle file, or the bundle.json of a run directory.
    public static func bundle(at path: String) throws -> ResultBundle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RunSelectionError("\(path) does not exist; give a run directory or its bundle.json")
        }
        let url = URL(fileURLWithPath: path)
        return try BundleFile.read(from: isDirectory.boolValue ? url.appendingPathComponent("bundle.json") : url)
    }

    /// The run directory under `output` whose bundle.json was written last.
    public func newestRun() throws -> String {
        let root = URL(fileURLWithPath: output)
        let entries = (try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)) ?? []
        let dated = entries.compactMap { directory -> (String, Date)? in
            let bundle = directory.appendingPathComponent("bundle.json")
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: bundle.path),
                let modified = attributes[.modificationDate] as? Date
            else { return nil }
            return (directory.path, modified)
        }
        guard let newest = dated.max(by: { $0.1 < $1.1 }) else {
            throw RunSelectionError(
                "no run found under \(output)/ (no <run>/bundle.json); run `edgebench run` first, or name a RUN or --db")
        }
        return newest.0
    }
}

/// Stored runs that cannot be read as asked; the message says what to give instead.
public struct RunSelectionError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
