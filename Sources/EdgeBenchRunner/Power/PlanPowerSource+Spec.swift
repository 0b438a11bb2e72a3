import EdgeBenchPlans
import EdgeBenchTelemetry

extension PowerSourceSpec {
    /// A plan's `power:` item as the telemetry source it declares (Plans keeps plain values; the
    /// loader already checked the plug kind against `PlanPowerSource.plugKinds`).
    public init(_ source: PlanPowerSource) throws {
        switch source {
        case .manual(let watts, let boundary): self = .manual(watts: watts, boundary: boundary)
        case .command(let command, let boundary): self = .command(command, boundary: boundary)
        case .plug(let kind, let url):
            guard let plugKind = SmartPlugSource.Kind(rawValue: kind) else {
                let known = SmartPlugSource.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw RunnerError.configuration("power plug kind '\(kind)' is not one of \(known); fix the plan's 'power:' entry")
            }
            // the same check `--power-plug` makes: the URL must give a status address
            _ = try SmartPlugSource(kind: plugKind, baseURL: url)
            self = .plug(plugKind, url: url)
        }
    }
}
