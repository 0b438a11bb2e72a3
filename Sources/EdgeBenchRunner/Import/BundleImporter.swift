import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchStore
import Foundation

/// `edgebench import bundle FILE…`: bundles measured on other machines, stored in the local results
/// database as the runs they are (same run ids), so `--db` readers and `analyze` see them. A run that
/// is stored already is skipped, never duplicated or overwritten.
public struct BundleImporter: Sendable {
    /// SQLite file bundles are imported into
    public var databasePath: String

    public init(databasePath: String) {
        self.databasePath = databasePath
    }

    public enum Result: Sendable, Equatable {
        case stored(runID: String, configurations: Int)
        case alreadyStored(runID: String)
    }

    public struct Outcome: Sendable {
        public var file: URL
        public var result: Result

        /// One line for the terminal, e.g. "a.json: run 20260101-…: already stored, skipped".
        public var message: String {
            switch result {
            case .stored(let runID, let count): "\(file.path): run \(runID): stored (\(count) configuration(s))"
            case .alreadyStored(let runID): "\(file.path): run \(runID): already stored, skipped"
            }
        }
    }

    /// Checks every file first (JSON syntax and values of everything but the requests, the requests'
    /// structure: a bad or cut-off file stops the import before anything is stored), then stores them all
    /// in one transaction, streaming each file's requests from disk, each checked as it is read: a
    /// request that fails its checks stores nothing of any file.
    public func run(files: [URL]) throws -> [Outcome] {
        guard !files.isEmpty else { throw ImportError("no file given; pass one or more bundle.json files") }
        var readers: [(reader: BundleReader, planText: String)] = []
        var problems: [String] = []
        for file in files {
            do {
                let reader = try BundleReader(url: file)
                let planText = "bundle import\n\(file.path)\tsha256 \((try? FileDigest.sha256(of: file)) ?? "unreadable")\n"
                readers.append((reader, planText))
            } catch {
                problems.append(String(describing: error))
            }
        }
        guard problems.isEmpty else { throw ImportError(problems.joined(separator: "\n")) }
        let store = try ResultStore(path: databasePath)
        let stored: [Bool]
        do {
            stored = try store.importBundles(readers)
        } catch let error as BundleError {
            throw ImportError(error.message)
        }
        return zip(readers, stored).map { item, stored in
            let bundle = item.reader.header
            return Outcome(
                file: item.reader.url,
                result: stored
                    ? .stored(runID: bundle.run.id, configurations: bundle.configurations.count)
                    : .alreadyStored(runID: bundle.run.id))
        }
    }
}
