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

    /// `catalog` and `board` are read only when needed: a plan's devices, a local one-off engine's board.
    public static func prepare(
        _ source: RunSource, flags: RunFlags, catalog: () throws -> DeviceCatalog = { try DeviceCatalog.bundled() },
        board: () -> BoardIdentity = { BoardIdentity.read() }
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
            // An engine EdgeBench runs here measures this machine: record the board it matches, if any.
            // A catalog that cannot be read only costs the device, never the run.
            let local = oneOffPlan.configurations.filter { $0.engine.kind.runsLocally }
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
