import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchPlans
import EdgeBenchTelemetry

extension RunPlan {
    /// A loaded plan, expanded, with each configuration's device resolved against `catalog` and the
    /// plan's analysis parameters; `board` identifies this machine for local engines without `device:`.
    /// Throws (before anything runs) when an engine names an unknown device.
    public init(_ plan: Plan, catalog: DeviceCatalog, board: BoardIdentity? = nil) throws {
        let configurations = plan.expand()
        self.init(
            name: plan.name, text: plan.sourceText, hash: plan.hash, configurations: configurations,
            devices: try DeviceResolution.resolve(
                plan, configurations: configurations, catalog: catalog, board: board),
            analysis: plan.analysis)
    }
}

extension Plan {
    /// Whether an engine that runs on this machine names no device, so the board must be detected.
    public var needsBoardDetection: Bool {
        engines.contains { $0.kind.runsLocally && engineDevices[$0.name] == nil }
    }
}

extension Plan {
    /// configuration id → the `power:` of the engine it runs on, for engines that declare their own meter.
    public func configurationPower(_ configurations: [Configuration]) throws -> [String: [PowerSourceSpec]] {
        var result: [String: [PowerSourceSpec]] = [:]
        for configuration in configurations {
            guard let engine = baseEngine(for: configuration), let sources = power.engines[engine.name] else { continue }
            result[configuration.id] = try sources.map(PowerSourceSpec.init)
        }
        return result
    }
}
