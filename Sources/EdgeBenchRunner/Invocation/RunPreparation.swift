import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchPlans
import EdgeBenchTelemetry
import Foundation

/// Everything `edgebench run` decides before the runner starts: the configurations, the plan they came
/// from, the power and timing settings, and each engine's own meter.
public struct RunPreparation: Sendable {
    /// Empty for a resumed run: the runner reads the configurations from the run directory.
    public var plan: RunPlan
    /// The plan's `power:` section (a resumed run's comes back from its stored plan text); nil for a one-off run.
    public var planPower: PlanPower?
    public var settings: RunSettings
    /// configuration id → its engine's own meters, when the command line names no meter for the whole run
    public var configurationPower: [String: [PowerSourceSpec]]

    /// `catalog` and `board` are read only when needed: a plan's devices, a local one-off engine's board.
    public static func prepare(
        _ source: RunSource, flags: RunFlags, catalog: () throws -> DeviceCatalog = { try DeviceCatalog.bundled() },
        board: () -> BoardIdentity = { BoardIdentity.read() }
    ) throws -> RunPreparation {
        let (plan, loaded) = try resolve(source, catalog: catalog, board: board)
        let settings = try RunSettings.resolve(flags: flags, plan: loaded?.power)
        var perConfiguration: [String: [PowerSourceSpec]] = [:]
        // An engine's own meter, unless the command line names the meter for the whole run.
        if flags.power.isEmpty, let loaded {
            perConfiguration = try loaded.configurationPower(
                plan.configurations.isEmpty ? loaded.expand() : plan.configurations)
        }
        return RunPreparation(
            plan: plan, planPower: loaded?.power, settings: settings, configurationPower: perConfiguration)
    }

    /// The runner's options for these settings.
    public func options(outputRoot: URL, databasePath: String?, resume: URL?, llamaServerPath: String?) -> RunOptions {
        var options = RunOptions(
            outputRoot: outputRoot, databasePath: databasePath, resume: resume, sampleInterval: settings.sampleInterval,
            llamaServerPath: llamaServerPath, idleSeconds: settings.idleSeconds, power: settings.power,
            minMeasuredSeconds: settings.minMeasuredSeconds)
        options.configurationPower = configurationPower
        return options
    }

    /// What to run, and the plan it came from (nil for a one-off run).
    static func resolve(
        _ source: RunSource, catalog: () throws -> DeviceCatalog, board: () -> BoardIdentity
    ) throws -> (RunPlan, Plan?) {
        switch source {
        case .resume(let directory):
            // The run directory holds its own plan. Its power settings come back from the stored plan
            // text; a one-off run's stored text describes a configuration, not a plan: none.
            let stored = try? PlanLoader.parse(
                RunManifest.read(from: URL(fileURLWithPath: directory)).planText, file: "\(directory)/run.json",
                baseDirectory: nil, engines: EngineRegistry.catalog)
            return (RunPlan(name: nil, text: "", hash: "", configurations: []), stored)
        case .planFile(let path):
            let loaded = try PlanLoader.load(path: path, engines: EngineRegistry.catalog)
            // Devices resolve against the catalog before anything runs: an unknown id stops the plan here.
            let identity = loaded.needsBoardDetection ? board() : nil
            return (try RunPlan(loaded, catalog: try catalog(), board: identity), loaded)
        case .oneOff(var oneOffPlan):
            // An engine EdgeBench runs here measures this machine: record the board it matches, if any.
            // A catalog that cannot be read only costs the device, never the run.
            let local = oneOffPlan.configurations.filter { $0.engine.kind.runsLocally }
            if !local.isEmpty, let catalog = try? catalog(),
                let device = DeviceResolution.detected(board(), catalog: catalog)
            {
                for configuration in local { oneOffPlan.devices[configuration.id] = device }
            }
            return (oneOffPlan, nil)
        }
    }
}
