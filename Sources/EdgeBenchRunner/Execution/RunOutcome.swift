import EdgeBenchCore
import EdgeBenchStore
import Foundation

/// How a run ended.
public struct RunOutcome: Sendable {
    public var runID: String
    public var directory: URL
    /// the SQLite file the run is stored in (a resumed run keeps its own)
    public var databasePath: String
    /// the run's bundle WITHOUT its requests (every configuration's `requests` is empty: a long run's
    /// would not fit a board's memory); they are in bundle.json and the store (`storedBundle()`)
    public var bundle: ResultBundle
    /// each configuration's number of measured requests, parallel to `bundle.configurations`
    public var requestCounts: [Int]
    public var outputs: [URL]
    public var interrupted: Bool

    public init(
        runID: String, directory: URL, databasePath: String, bundle: ResultBundle, requestCounts: [Int],
        outputs: [URL], interrupted: Bool
    ) {
        self.runID = runID
        self.directory = directory
        self.databasePath = databasePath
        self.bundle = bundle
        self.requestCounts = requestCounts
        self.outputs = outputs
        self.interrupted = interrupted
    }

    public var failedConfigurations: Int { bundle.configurations.filter { $0.status == .failed }.count }

    /// The written bundle.json, when the export wrote it (what `run --json` prints).
    public var bundleFile: URL? { outputs.first { $0.lastPathComponent == "bundle.json" } }

    /// The whole bundle, requests included, read back from the store: for a caller that wants every
    /// request in memory at once (tests, small runs).
    public func storedBundle() throws -> ResultBundle {
        try ResultStore(path: databasePath).bundle(runID: runID)
    }
}
