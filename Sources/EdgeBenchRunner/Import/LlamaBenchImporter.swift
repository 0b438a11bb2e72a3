import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchReports
import EdgeBenchStore
import Foundation

/// `edgebench import llama-bench FILE…`: llama-bench results stored as a run of their own, with the
/// usual outputs. Every file is read and checked before anything is written, so a bad file leaves
/// neither a run directory nor a run in the database.
public struct LlamaBenchImporter: Sendable {
    /// folder that receives the run directory (as `edgebench run --output`)
    public var outputRoot: URL
    /// SQLite file; default `<outputRoot>/edgebench.sqlite`
    public var databasePath: String?

    public init(outputRoot: URL, databasePath: String? = nil) {
        self.outputRoot = outputRoot
        self.databasePath = databasePath
    }

    public struct Outcome: Sendable {
        public var runID: String
        public var directory: URL
        public var databasePath: String
        public var bundle: ResultBundle
        public var outputs: [URL]
        /// what was left out and why, for the person importing
        public var notes: [String]
    }

    public func run(files: [URL]) throws -> Outcome {
        let imported = try Self.read(files)
        let environment = Self.environment(imported.tests)
        let started = Date()
        let runID = BenchmarkRunner.runID(at: started)
        let directory = outputRoot.appendingPathComponent(runID)
        let databasePath = RunOptions(outputRoot: outputRoot, databasePath: databasePath).resolvedDatabasePath
        let run = RunInfo(
            id: runID, startedAt: Self.earliestTestTime(imported.tests) ?? WallClock.iso8601(started),
            edgebenchVersion: BenchmarkRunner.version, planHash: imported.hash,
            planName: "llama-bench import")

        let store = try ResultStore(path: databasePath)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ImportError(
                "cannot create the run directory \(directory.path) (\(error.localizedDescription)); choose a writable --output")
        }
        do {
            // Copies of what was imported, beside the results: the bundle can always be traced to its source.
            let sources = directory.appendingPathComponent("imported")
            try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
            for (index, file) in files.enumerated() {
                try FileManager.default.copyItem(
                    at: file, to: sources.appendingPathComponent("\(index + 1)-\(file.lastPathComponent)"))
            }
            try store.beginRun(run, environment: environment, planText: imported.description)
            for item in imported.configurations {
                let id = item.configuration.id
                try store.beginConfiguration(runID: runID, configuration: item.configuration, engine: item.results.engine)
                for request in item.results.requests {
                    try store.recordRequest(runID: runID, configurationID: id, result: request, warmup: false)
                }
                try store.finishConfiguration(
                    runID: runID, configurationID: id, engine: item.results.engine, status: .completed, error: nil,
                    summary: item.results.summary, flags: item.results.flags, telemetry: [:])
            }
            let bundle = try store.bundle(runID: runID)
            let outputs = try ResultsWriter.write(bundle, to: directory)
            return Outcome(
                runID: runID, directory: directory, databasePath: databasePath, bundle: bundle, outputs: outputs,
                notes: imported.notes)
        } catch {
            // Everything was checked before; what fails here is the disk. Leave no half-written folder.
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    struct Imported {
        var tests: [LlamaBenchTest]
        var configurations: [ImportedConfiguration]
        var notes: [String]
        /// stands in for a plan's text: which files, by content hash
        var description: String
        /// of the files' contents only, so the same output imported from another path has the same hash
        var hash: String
    }

    /// Parses and groups every file; throws one error listing every file that cannot be imported.
    static func read(_ files: [URL]) throws -> Imported {
        guard !files.isEmpty else { throw ImportError("no file given; pass one or more files that llama-bench wrote") }
        var problems: [String] = []
        var tests: [LlamaBenchTest] = []
        var configurations: [ImportedConfiguration] = []
        var notes: [String] = []
        var description = "llama-bench import\n"
        var contents = ""
        var taken: Set<String> = []
        for file in files {
            let output: LlamaBenchOutput
            do {
                output = try LlamaBenchParser.parse(contentsOf: file)
            } catch {
                problems.append(error.description)
                continue
            }
            let (groups, skipped) = LlamaBenchGrouping.group(output.tests)
            notes += skipped.map { "\(file.path): skipped \($0)" }
            guard !groups.isEmpty else {
                problems.append(
                    "\(file.path): none of its \(output.tests.count) test(s) measured anything EdgeBench can store"
                        + "\n→ pass output of llama-bench runs with -p and/or -n greater than 0")
                continue
            }
            tests += output.tests
            configurations += LlamaBenchConfigurations.make(groups, taken: &taken)
            let hash = (try? SHA256.hex(of: file)) ?? "unreadable"
            description += "\(file.path)\t\(output.format.rawValue)\tsha256 \(hash)\n"
            contents += hash + "\n"
        }
        guard problems.isEmpty else { throw ImportError(problems.joined(separator: "\n\n")) }
        return Imported(
            tests: tests, configurations: configurations, notes: notes, description: description,
            hash: SHA256.hex(of: Data(contents.utf8)))
    }

    /// The machine the output was measured on, as far as llama-bench says (its CPU); the rest is
    /// unknown and left empty, never filled in from the machine doing the import.
    static func environment(_ tests: [LlamaBenchTest]) -> Environment {
        var cpus: [String] = []
        for cpu in tests.compactMap(\.cpuInfo) where !cpus.contains(cpu) { cpus.append(cpu) }
        return Environment(
            hostname: "unknown", board: nil, cpuModel: cpus.isEmpty ? nil : cpus.joined(separator: " | "),
            cpuCores: 0, memoryBytes: nil, os: nil, kernel: nil, architecture: nil)
    }

    /// When the measurements began, as llama-bench stamped them (ISO 8601 sorts as text).
    static func earliestTestTime(_ tests: [LlamaBenchTest]) -> String? {
        tests.compactMap(\.testTime).min()
    }
}

/// An import that cannot go ahead; the message names each file and what to do.
public struct ImportError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
