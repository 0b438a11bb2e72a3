import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchPlans
import EdgeBenchTelemetry
import Foundation

/// Everything `edgebench run` decides before the runner starts: the configurations, the plan they came
/// from, and the power and timing settings (each engine's own meter included).
public struct RunPreparation: Sendable {
    /// Empty for a resumed run: the runner reads the configurations from the run directory.
    public var plan: RunPlan
    /// A resumed run's come back from its run.json, under the flags.
    public var settings: RunSettings
    /// What the user should know before the run starts (printed by the command).
    public var notes: [String] = []
    /// What will likely make the run fail or measure the wrong thing (printed by the command as warnings).
    public var warnings: [String] = []

    /// `catalog` and `board` are read only when needed: a plan's devices, a local one-off engine's board.
    public static func prepare(
        _ source: RunSource, flags: RunFlags, catalog: () throws -> DeviceCatalog = { try DeviceCatalog.bundled() },
        board: () -> BoardIdentity = { BoardIdentity.read() },
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> RunPreparation {
        var preparation = try prepared(source, flags: flags, catalog: catalog, board: board)
        preparation.warnings += unsetAPIKeys(preparation.plan.configurations, environment: environment)
        return preparation
    }

    /// A key variable that is not set sends every request without a token: the server answers 401 (or,
    /// worse, serves an unauthenticated default), and nothing said why.
    static func unsetAPIKeys(_ configurations: [Configuration], environment: [String: String]) -> [String] {
        Set(configurations.compactMap(\.engine.apiKeyEnv)).sorted().filter { (environment[$0] ?? "").isEmpty }.map {
            "the API key variable \($0) (--api-key-env / api_key_env) is not set or empty in this environment: requests "
                + "go without an Authorization header; export \($0)=… before running, or drop the option if the server needs no key"
        }
    }

    private static func prepared(
        _ source: RunSource, flags: RunFlags, catalog: () throws -> DeviceCatalog, board: () -> BoardIdentity
    ) throws -> RunPreparation {
        switch source {
        case .resume(let directory):
            return try resume(URL(fileURLWithPath: directory), flags: flags)
        case .planFile(let path):
            let loaded = try PlanLoader.load(path: path, engines: EngineRegistry.catalog)
            // Devices resolve against the catalog before anything runs: an unknown id stops the plan here.
            let identity = loaded.needsBoardDetection ? board() : nil
            let plan = try RunPlan(loaded, catalog: try catalog(), board: identity)
            return RunPreparation(
                plan: plan, settings: RunSettings.resolve(flags: flags, plan: loaded, configurations: plan.configurations))
        case .oneOff(var oneOffPlan):
            // An engine EdgeBench runs here measures this machine: record the board it matches, if any,
            // unless --device named one. A catalog that cannot be read only costs the device, never the run.
            let local = oneOffPlan.configurations.filter { $0.engine.kind.runsLocally && oneOffPlan.devices[$0.id] == nil }
            if !local.isEmpty, let catalog = try? catalog(),
                let device = DeviceResolution.detected(board(), catalog: catalog)
            {
                for configuration in local { oneOffPlan.devices[configuration.id] = device }
            }
            return RunPreparation(plan: oneOffPlan, settings: RunSettings.resolve(flags: flags, plan: nil, configurations: []))
        }
    }

    /// The settings the run was started with, from its run.json, under the flags. A directory without
    /// run.json is left to the runner, which says what is wrong with it; a damaged run.json stops here.
    static func resume(_ directory: URL, flags: RunFlags) throws -> RunPreparation {
        let empty = RunPlan(name: nil, text: "", hash: "", configurations: [])
        guard FileManager.default.fileExists(atPath: RunManifest.url(in: directory).path) else {
            return RunPreparation(plan: empty, settings: RunSettings().overridden(by: flags))
        }
        let manifest = try RunManifest.read(from: directory)
        guard let stored = manifest.settings else {
            // run.json of an EdgeBench that did not store them: nothing says what the run used.
            return RunPreparation(
                plan: empty, settings: RunSettings().overridden(by: flags),
                notes: [
                    "\(RunManifest.url(in: directory).path) does not record the run's power and timing settings "
                        + "(an earlier EdgeBench wrote it): resuming with the command line's and the defaults; "
                        + "pass --power-*, --idle-seconds, --sample-interval as the run was started to measure it the same way"
                ])
        }
        return RunPreparation(plan: empty, settings: stored.overridden(by: flags))
    }

    /// The runner's options for these settings.
    public func options(outputRoot: URL, databasePath: String?, resume: URL?, llamaServerPath: String?) -> RunOptions {
        RunOptions(
            outputRoot: outputRoot, databasePath: databasePath, resume: resume, settings: settings,
            llamaServerPath: llamaServerPath)
    }
}
