import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchStore
import Foundation

/// Where `analyze` and `recommend` read results from.
struct AnalysisInput: ParsableArguments {
    @Argument(help: "Run directories or bundle.json files (default: the newest run under --output).")
    var runs: [String] = []

    @Option(help: "Read every run of this SQLite results database instead.")
    var db: String?

    @Option(help: "Folder of run directories, searched for the newest run when no RUN is given.")
    var output = "edgebench-results"

    func bundles() throws -> [ResultBundle] {
        do {
            if let db {
                // opening a store creates it; a mistyped path must not leave an empty database behind
                guard FileManager.default.fileExists(atPath: db) else {
                    throw ValidationError("no results database at \(db); check the path (edgebench run writes <output>/edgebench.sqlite)")
                }
                let store = try ResultStore(path: db)
                let bundles = try store.runs().map { try store.bundle(runID: $0.id) } + runs.map(Self.bundle(at:))
                guard !bundles.isEmpty else {
                    throw ValidationError("the database \(db) holds no run; run `edgebench run` first")
                }
                return bundles
            }
            if !runs.isEmpty { return try runs.map(Self.bundle(at:)) }
            return [try Self.bundle(at: try newestRun())]
        } catch let error as ValidationError {
            Stderr.error(error.message)
            throw Exit.invalidInput
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.invalidInput
        }
    }

    /// A bundle file, or the bundle.json of a run directory.
    static func bundle(at path: String) throws -> ResultBundle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("\(path) does not exist; give a run directory or its bundle.json")
        }
        let url = URL(fileURLWithPath: path)
        return try BundleFile.read(from: isDirectory.boolValue ? url.appendingPathComponent("bundle.json") : url)
    }

    /// The run directory under `output` whose bundle.json was written last.
    func newestRun() throws -> String {
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
            throw ValidationError(
                "no run found under \(output)/ (no <run>/bundle.json); run `edgebench run` first, or name a RUN or --db")
        }
        return newest.0
    }

    /// A preset by name, else a scenario YAML file.
    static func scenario(_ text: String) throws -> Scenario {
        if let preset = Scenario.named(text) { return preset }
        guard FileManager.default.fileExists(atPath: text) else {
            throw ValidationError(
                "--scenario \(text): no such preset (\(Scenario.presetNames.joined(separator: ", "))) and no such file")
        }
        let yaml: String
        do {
            yaml = try String(contentsOfFile: text, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read scenario file \(text): \((error as NSError).localizedDescription)")
        }
        do {
            return try Scenario(yaml: yaml)
        } catch {
            throw ValidationError("\(text): \(error.description)")
        }
    }
}

// MARK: - Text
