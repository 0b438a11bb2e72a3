import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchPlans

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
