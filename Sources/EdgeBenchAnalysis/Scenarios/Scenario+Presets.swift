extension Scenario {
    /// The built-in scenarios, in the order they are listed to users.
    public static let presets: [Scenario] = [uav, ruggedPortable, otGateway, interactive]

    public static var presetNames: [String] { presets.map(\.name) }

    /// The preset called `name` (case-insensitive); nil when there is none — list `presetNames` then.
    public static func named(_ name: String?) -> Scenario? {
        guard let name = name?.lowercased() else { return nil }
        return presets.first { $0.name == name }
    }

    /// Drone payload: every gram and cm³ is carried aloft and every joule comes out of flight time.
    public static let uav = Scenario(
        name: "uav",
        description: "UAV payload: energy, mass and volume all come out of flight time and airframe "
            + "limits, so together they carry 80 % of the score (energy per token 0.30, mass 0.25, "
            + "volume 0.25); decode rate 0.20 keeps an on-board assistant usable. No hard limits: payload "
            + "budgets differ per airframe, so add your own (e.g. mass <= 150 g) in a scenario file.",
        weights: [
            ScenarioWeight(metric: "energy_per_token", weight: 0.30, direction: .minimize),
            ScenarioWeight(metric: "mass", weight: 0.25, direction: .minimize),
            ScenarioWeight(metric: "volume", weight: 0.25, direction: .minimize),
            ScenarioWeight(metric: "decode_rate", weight: 0.20, direction: .maximize),
        ]
    )

    /// Field kit on a battery: hours of service first, then the power draw that limits it, then size.
    public static let ruggedPortable = Scenario(
        name: "rugged-portable",
        description: "Rugged portable kit on a battery: hours of operation matter most (battery hours "
            + "0.45); mean power 0.30 because it also sets heat inside a sealed case; volume 0.25 because "
            + "the kit is carried.",
        weights: [
            ScenarioWeight(metric: "battery_hours", weight: 0.45, direction: .maximize),
            ScenarioWeight(metric: "mean_power", weight: 0.30, direction: .minimize),
            ScenarioWeight(metric: "volume", weight: 0.25, direction: .minimize),
        ]
    )

    /// Mains-powered gateway in a cabinet: it serves many requests for years, size and watts matter little.
    public static let otGateway = Scenario(
        name: "ot-gateway",
        description: "Fixed OT gateway on mains power in a cabinet: serves requests for years, so "
            + "end-to-end throughput (0.40) and cost per million tokens over its lifetime (0.35) "
            + "dominate; TTFT 0.25 because operators and alarms wait on the first token. Size and "
            + "power are not weighted: the cabinet and the supply have room.",
        weights: [
            ScenarioWeight(metric: "e2e_throughput", weight: 0.40, direction: .maximize),
            ScenarioWeight(metric: "cost_per_mtok", weight: 0.35, direction: .minimize),
            ScenarioWeight(metric: "ttft", weight: 0.25, direction: .minimize),
        ]
    )

    /// A person reads the answer as it streams: the wait for the first token is what they feel.
    public static let interactive = Scenario(
        name: "interactive",
        description: "Interactive assistant: the wait for the first token is what a person notices "
            + "most (TTFT 0.60), then streaming speed (decode rate 0.40). Decode must keep up with "
            + "reading: adults read about 240 words/min ≈ 4 words/s (Brysbaert 2019), and English "
            + "averages about 1.3 tokens per word, so decode_rate >= 5 tok/s.",
        weights: [
            ScenarioWeight(metric: "ttft", weight: 0.60, direction: .minimize),
            ScenarioWeight(metric: "decode_rate", weight: 0.40, direction: .maximize),
        ],
        constraints: [
            Constraint(metric: "decode_rate", comparison: .greaterOrEqual, threshold: 5,
                       unit: MetricDimension.tokenRate.units[0]),
        ]
    )
}
