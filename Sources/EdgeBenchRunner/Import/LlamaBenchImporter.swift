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
        let run = ImportedRun(
            outputRoot: outputRoot, databasePath: databasePath, planName: "llama-bench import",
            description: imported.description, planHash: imported.hash,
            startedAt: Self.earliestTestTime(imported.tests), environment: Self.environment(imported.tests), files: files)
        return try run.store(
            imported.configurations.map {
                ImportedRun.Item(
                    configuration: $0.configuration, engine: $0.results.engine, requests: $0.results.requests,
                    summary: $0.results.summary, flags: $0.results.flags)
            },
            notes: imported.notes)
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
            let hash = (try? FileDigest.sha256(of: file)) ?? "unreadable"
            description += "\(file.path)\t\(output.format.rawValue)\tsha256 \(hash)\n"
            contents += hash + "\n"
        }
        guard problems.isEmpty else { throw ImportError(problems.joined(separator: "\n\n")) }
        return Imported(
            tests: tests, configurations: configurations, notes: notes, description: description,
            hash: FileDigest.sha256(of: Data(contents.utf8)))
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
