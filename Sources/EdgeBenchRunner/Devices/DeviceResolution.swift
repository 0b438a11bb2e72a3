import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchPlans

/// Which hardware each configuration of a plan runs on: the engine's `device:` names a plan device
/// (laid over its catalog entry) or a catalog id. Resolved before anything runs, so a misspelt id
/// stops the plan with the list of known ones instead of leaving results without their board.
public enum DeviceResolution {
    /// configuration id → device, for every configuration whose device is known.
    /// `board` is what this machine says about itself (`BoardIdentity.read`), matched to the catalog for
    /// engines that run here (managed, llama-bench) and name no device; nil: no detection.
    /// Throws `RunnerError.configuration` naming the engine (or plan device) and the known ids.
    public static func resolve(
        _ plan: Plan, configurations: [Configuration], catalog: DeviceCatalog, board: BoardIdentity? = nil
    ) throws -> [String: Device] {
        var devices: [String: Device] = [:]
        var byReference: [String: Device] = [:]
        // the machine's own board, for local engines that name no device (matching is pure and cheap)
        let local = board.flatMap { detected($0, catalog: catalog) }
        // Every plan device is checked, also one no engine names yet: its catalog id must exist.
        for planDevice in plan.devices {
            byReference[planDevice.key] = try device(planDevice, catalog: catalog)
        }
        for configuration in configurations {
            let device: Device?
            if let reference = plan.deviceReference(for: configuration) {
                if let known = byReference[reference] {
                    device = known
                } else if let entry = catalog.device(id: reference) {
                    device = entry
                    byReference[reference] = entry
                } else {
                    throw RunnerError.configuration(
                        "engine '\(plan.baseEngine(for: configuration)?.name ?? configuration.engine.name)': unknown device '\(reference)'; "
                            + known(plan: plan, catalog: catalog))
                }
            } else {
                device = configuration.engine.kind.runsLocally ? local : nil
            }
            if let device { devices[configuration.id] = device }
        }
        return devices
    }

    /// A plan device over its catalog entry, or on its own.
    static func device(_ planDevice: PlanDevice, catalog: DeviceCatalog) throws -> Device {
        guard let id = planDevice.catalog else { return planDevice.overlay(on: nil) }
        guard let entry = catalog.device(id: id) else {
            throw RunnerError.configuration(
                "device '\(planDevice.key)': unknown catalog id '\(id)'; known: \(catalogIDs(catalog)); "
                    + "or leave out 'catalog' and give the device's own 'name' and fields")
        }
        return planDevice.overlay(on: entry)
    }

    /// The catalog entry `--device ID` of a one-off run names. An id that is not in the catalog throws
    /// `RunnerError.configuration` with the closest id ("did you mean …") and every known id.
    public static func catalogDevice(_ id: String, catalog: DeviceCatalog) throws -> Device {
        if let device = catalog.device(id: id) { return device }
        let ids = catalog.devices.map(\.id)
        let lower = id.lowercased()
        // an id cut short ("jetson-orin-nano") is nearer its completion than anything a few edits away
        let close = ids.first { $0.hasPrefix(lower) || (lower.count >= 4 && $0.contains(lower)) }
            ?? KeySuggestion.closest(to: lower, in: ids)
        throw RunnerError.configuration(
            "--device \(id): not a catalog id" + (close.map { "; did you mean '\($0)'?" } ?? "")
                + " Known: \(catalogIDs(catalog)) (`edgebench devices list` prints the catalog)")
    }

    /// The catalog entry this machine matches, with how it was matched in `notes["id"]`; nil when no
    /// single entry fits (an engine without `device:` then has no device, never a guess).
    public static func detected(_ board: BoardIdentity, catalog: DeviceCatalog) -> Device? {
        let match = DeviceMatcher(catalog: catalog).match(board)
        guard let id = match.id, var device = catalog.device(id: id) else { return nil }
        device.notes["id"] = "detected on the measuring machine (\(match.confidence.rawValue) confidence): \(match.reason)"
        return device
    }

    static func known(plan: Plan, catalog: DeviceCatalog) -> String {
        let planKeys = plan.devices.map(\.key)
        let fromPlan = planKeys.isEmpty ? "" : "plan devices: \(planKeys.joined(separator: ", ")); "
        return "known: \(fromPlan)catalog ids: \(catalogIDs(catalog)) (`edgebench devices list` prints the catalog)"
    }

    static func catalogIDs(_ catalog: DeviceCatalog) -> String {
        catalog.devices.isEmpty ? "none (the catalog is empty)" : catalog.devices.map(\.id).joined(separator: ", ")
    }
}
