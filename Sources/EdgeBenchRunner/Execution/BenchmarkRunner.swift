import AsyncHTTPClient
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchReports
import EdgeBenchStore
import Foundation

/// Executes a plan: for each configuration, prepare the engine, warm up, run the measured
/// requests (each committed to the store as it finishes), summarise, stop the engine.
/// A failing configuration is recorded with its reason and the rest of the plan runs.
public final class BenchmarkRunner: Sendable {
    public static let version = "0.1.0"

    let options: RunOptions
    let reporter: any ProgressReporter

    public init(options: RunOptions, reporter: any ProgressReporter) {
        self.options = options
        self.reporter = reporter
    }

    /// Runs the plan. Cancelling the calling task (Ctrl-C) stops after marking the current
    /// configuration interrupted; everything finished so far stays stored and exported.
    public func run(_ plan: RunPlan) async throws -> RunOutcome {
        let (manifest, directory, databasePath, lock) = try openRun(plan)
        // held until the run returns: one writer per run directory
        defer { withExtendedLifetime(lock) {} }
        let store = try ResultStore(path: databasePath)
        if options.resume != nil, try !store.hasRun(id: manifest.run.id) {
            throw RunnerError.resume(
                "the results database \(databasePath) holds no run \(manifest.run.id); "
                    + "pass --db with the database this run was stored in")
        }
        if options.resume == nil {
            try store.beginRun(
                manifest.run, environment: EnvironmentProbe.collect(), planText: manifest.planText,
                analysis: manifest.analysis)
        }
        // A refused connection is retried until the connect timeout: keep a down server's failure quick.
        let client = HTTPTransport.makeClient(connectTimeout: .seconds(3))
        let factory = EngineFactory(options: options, client: client, reporter: reporter)
        let configurations = manifest.configurations
        reporter.report(.runStarted(
            runID: manifest.run.id, directory: directory, configurations: configurations.count,
            requestsPerConfiguration: configurations.map { $0.repetitions + $0.warmup }.max() ?? 0))

        var interrupted = false
        var outcomes: [String: ConfigurationResult.Status] = [:]
        for (offset, configuration) in configurations.enumerated() {
            if Task.isCancelled {
                interrupted = true
                break
            }
            reporter.report(.configurationStarted(index: offset + 1, total: configurations.count, id: configuration.id))
            if try store.configurationStatus(runID: manifest.run.id, configurationID: configuration.id) == .completed {
                reporter.report(.note("  already completed in this run: skipped"))
                continue
            }
            let context = ConfigurationSession.Context(
                configuration: configuration, device: manifest.devices?[configuration.id], runID: manifest.run.id,
                directory: directory, store: store, factory: factory, settings: options.settings,
                sensorRoot: options.sensorRoot, reporter: reporter)
            let status = configuration.engine.kind == .llamaBench
                ? await runLlamaBenchConfiguration(context)
                : await ConfigurationSession(context).run()
            outcomes[configuration.id] = status
            if status == .interrupted {
                interrupted = true
                break
            }
        }
        // try?: shutting the HTTP client down only frees its connections; every result is stored by now
        try? await client.shutdown()

        // Exported streaming: the bundle without requests, each request read back from the store one at a
        // time for each file that lists them, so the export's memory does not grow with the run.
        let runID = manifest.run.id
        var header = try store.bundle(runID: runID, requests: false)
        // A configuration that failed because its outcome could not be stored (a full disk) is still
        // 'running' in the store: the bundle, the reports and the exit code say what the run saw.
        for index in header.configurations.indices
        where outcomes[header.configurations[index].id] == .failed && header.configurations[index].status != .failed {
            header.configurations[index].status = .failed
            header.configurations[index].error = header.configurations[index].error
                ?? "its outcome could not be stored in the database (see the run's error output): free space, then --resume"
        }
        let streamed = StreamedBundle(header: header) { index, body in
            try store.forEachRequest(runID: runID, configurationID: header.configurations[index].id, body)
        }
        FreePages.release()
        let written = try ResultsWriter.write(streamed, to: directory)
        return RunOutcome(
            runID: runID, directory: directory, databasePath: databasePath, bundle: header,
            requestCounts: written.tallies.map(\.requests), outputs: written.files, interrupted: interrupted)
    }

    /// The run's manifest, directory, database file and the directory's lock: a resumed run's from its
    /// run.json (under `--db`), a new run's created here.
    private func openRun(_ plan: RunPlan) throws -> (RunManifest, URL, String, RunDirectoryLock) {
        if let resume = options.resume {
            let manifest = try RunManifest.read(from: resume)
            let lock = try RunDirectoryLock.acquire(resume)
            return (manifest, resume, try resumedDatabase(manifest, directory: resume), lock)
        }
        let started = Date()
        let runID = Self.runID(at: started)
        let directory = options.outputRoot.appendingPathComponent(runID)
        if let blocker = FolderCheck.fileBlocking(directory) {
            throw RunnerError.configuration(
                "cannot create the run directory \(directory.path): \(blocker.path) is a file, not a folder; "
                    + "pass --output a folder (or a path that does not exist yet)")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw RunnerError.configuration(
                "cannot create the run directory \(directory.path) (\(SystemErrorText.reason(error))); choose a writable --output")
        }
        let lock = try RunDirectoryLock.acquire(directory)
        let run = RunInfo(
            id: runID, startedAt: WallClock.iso8601(started), edgebenchVersion: Self.version,
            planHash: plan.hash, planName: plan.name)
        let databasePath = options.resolvedDatabasePath
        let manifest = RunManifest(
            run: run, databasePath: RunManifest.relativePath(of: databasePath, from: directory), planText: plan.text,
            configurations: plan.configurations, devices: plan.devices, analysis: plan.analysis,
            settings: options.settings)
        try manifest.write(to: directory)
        return (manifest, directory, databasePath, lock)
    }

    /// `--db` wins; else run.json's path from the run directory; else, for a run.json with an absolute
    /// path that no longer exists (a moved output folder, an EdgeBench before relative paths), the default
    /// database beside the run directory. A database that is not there stops the resume with what to pass,
    /// instead of creating an empty one that knows nothing of the run.
    private func resumedDatabase(_ manifest: RunManifest, directory: URL) throws -> String {
        let files = FileManager.default
        if let given = options.databasePath {
            guard files.fileExists(atPath: given) else {
                throw RunnerError.resume("the results database \(given) given with --db does not exist")
            }
            return given
        }
        let recorded = manifest.databaseLocation(in: directory)
        if files.fileExists(atPath: recorded) { return recorded }
        let beside = directory.deletingLastPathComponent().appendingPathComponent("edgebench.sqlite").standardizedFileURL.path
        if files.fileExists(atPath: beside) { return beside }
        throw RunnerError.resume(
            "the run's results database \(recorded) (from \(RunManifest.url(in: directory).path)) does not exist; "
                + "pass --db with the database this run was stored in")
    }

    static func runID(at date: Date) -> String {
        WallClock.compact(date) + "-" + String(UInt16.random(in: 0...UInt16.max), radix: 16)
    }
}
