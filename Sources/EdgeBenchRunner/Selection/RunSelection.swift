import EdgeBenchCore
import EdgeBenchReports
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

    /// The selected runs as `report`, `analyze` and `recommend` read them: every bundle without its
    /// requests (their statistics are in each configuration's summary), and with `distributions` the
    /// TTFT and ITL distributions a report draws, gathered one request at a time from the file, or
    /// aggregated by the store. Memory does not grow with the number of requests.
    public func summaries(distributions: Bool = true) throws -> SelectedRuns {
        var selected = SelectedRuns()
        if let database {
            guard FileManager.default.fileExists(atPath: database) else {
                throw RunSelectionError(
                    "no results database at \(database); check the path (edgebench run writes <output>/edgebench.sqlite)")
            }
            let store = try ResultStore(path: database)
            for run in try store.runs() {
                let bundle = try store.bundle(runID: run.id, requests: false)
                var gathered: [String: RequestDistributions] = [:]
                if distributions {
                    for configuration in bundle.configurations {
                        gathered[configuration.id] = try Self.distributions(store, runID: run.id, configuration.id)
                    }
                }
                selected.append(bundle, gathered)
            }
            for path in runs { try selected.append(Self.reader(at: path), distributions: distributions) }
            guard !selected.bundles.isEmpty else {
                throw RunSelectionError("the database \(database) holds no run; run `edgebench run` first")
            }
            return selected
        }
        for path in try (runs.isEmpty ? [newestRun()] : runs) {
            try selected.append(Self.reader(at: path), distributions: distributions)
        }
        return selected
    }

    private static func distributions(_ store: ResultStore, runID: String, _ id: String) throws -> RequestDistributions {
        var gathered = RequestDistributions()
        gathered.requests = try store.measuredRequestCount(runID: runID, configurationID: id)
        try store.forEachMeasuredValue(runID: runID, configurationID: id, of: .ttft) { gathered.ttft.add($0) }
        try store.forEachMeasuredValue(runID: runID, configurationID: id, of: .itl) { gathered.itl.add($0) }
        return gathered
    }

    /// A bundle file, or the bundle.json of a run directory, opened for streaming.
    public static func reader(at path: String) throws -> BundleReader {
        try BundleReader(url: bundleURL(at: path))
    }

    private static func bundleURL(at path: String) throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RunSelectionError("\(path) does not exist; give a run directory or its bundle.json")
        }
        let url = URL(fileURLWithPath: path)
        return isDirectory.boolValue ? url.appendingPathComponent("bundle.json") : url
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

/// Bundles without their requests, and per bundle what a report draws from the requests.
public struct SelectedRuns: Sendable {
    public var bundles: [ResultBundle] = []
    /// parallel to `bundles`: configuration id → its TTFT and ITL distributions
    public var distributions: [[String: RequestDistributions]] = []

    public init() {}

    mutating func append(_ bundle: ResultBundle, _ gathered: [String: RequestDistributions]) {
        bundles.append(bundle)
        distributions.append(gathered)
    }

    /// The reader's bundle, and with `distributions` its requests walked once, one at a time.
    mutating func append(_ reader: BundleReader, distributions: Bool) throws {
        var gathered: [String: RequestDistributions] = [:]
        if distributions {
            for (index, configuration) in reader.header.configurations.enumerated() {
                var distribution = RequestDistributions()
                try reader.forEachRequest(configuration: index) { distribution.add(try $0.decode(response: false)) }
                gathered[configuration.id] = distribution
            }
        }
        append(reader.header, gathered)
    }
}

/// Stored runs that cannot be read as asked; the message says what to give instead.
public struct RunSelectionError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
