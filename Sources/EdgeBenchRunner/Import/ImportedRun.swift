import EdgeBenchCore
import EdgeBenchReports
import EdgeBenchStore
import Foundation

/// Stores results measured elsewhere as a run of their own, the way every import does: a run directory
/// with copies of the imported files (so the bundle can always be traced to its source), the run and its
/// configurations in the database, and the usual outputs. Callers have read and checked everything
/// before; what can fail here is the disk, and then no half-written folder is left.
struct ImportedRun {
    var outputRoot: URL
    var databasePath: String?
    var planName: String
    /// stands in for a plan's text: which files, by content hash, with the import's settings
    var description: String
    var planHash: String
    var startedAt: String?
    var environment: Environment
    var files: [URL]

    /// One imported configuration, complete: its measured requests (if the source listed them) and summary.
    struct Item {
        var configuration: Configuration
        var engine: EngineDescription
        var device: Device? = nil
        var requests: [RequestResult]
        var summary: [MetricID: Summary]
        var flags: [Flag]
        var power: PowerProvenance? = nil
    }

    func store(_ items: [Item], notes: [String]) throws -> ImportOutcome {
        let started = Date()
        let runID = BenchmarkRunner.runID(at: started)
        let directory = outputRoot.appendingPathComponent(runID)
        let databasePath = RunOptions(outputRoot: outputRoot, databasePath: databasePath).resolvedDatabasePath
        let run = RunInfo(
            id: runID, startedAt: startedAt ?? WallClock.iso8601(started), edgebenchVersion: BenchmarkRunner.version,
            planHash: planHash, planName: planName)
        let store = try ResultStore(path: databasePath)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ImportError(
                "cannot create the run directory \(directory.path) (\(SystemErrorText.reason(error))); choose a writable --output")
        }
        do {
            let sources = directory.appendingPathComponent("imported")
            try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
            for (index, file) in files.enumerated() {
                try FileManager.default.copyItem(
                    at: file, to: sources.appendingPathComponent("\(index + 1)-\(file.lastPathComponent)"))
            }
            try store.beginRun(run, environment: environment, planText: description)
            for item in items {
                let id = item.configuration.id
                try store.beginConfiguration(
                    runID: runID, configuration: item.configuration, engine: item.engine, device: item.device)
                for request in item.requests {
                    try store.recordRequest(runID: runID, configurationID: id, result: request, warmup: false)
                }
                try store.finishConfiguration(
                    runID: runID, configurationID: id, engine: item.engine, status: .completed, error: nil,
                    summary: item.summary, flags: item.flags, telemetry: [:], power: item.power)
            }
            let bundle = try store.bundle(runID: runID)
            let outputs = try ResultsWriter.write(bundle, to: directory)
            return ImportOutcome(
                runID: runID, directory: directory, databasePath: databasePath, bundle: bundle, outputs: outputs,
                notes: notes)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }
}
