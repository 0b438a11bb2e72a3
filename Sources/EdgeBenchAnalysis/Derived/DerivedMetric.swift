import EdgeBenchCore

/// The metrics EdgeBench computes from measured results and the device catalog instead of measuring them
/// (METRICS.md *Physical, cost and battery* and *Roofline*). Raw values are the METRICS.md ids.
public enum DerivedMetric: String, Sendable, CaseIterable, Codable, Comparable {
    case volume
    case mass
    case price
    case throughputDensity = "throughput_density"
    case throughputPerKg = "throughput_per_kg"
    case throughputPerDollar = "throughput_per_dollar"
    case costPerMtok = "cost_per_mtok"
    case tokensPerBattery = "tokens_per_battery"
    case batteryHours = "battery_hours"
    case acceleratorGain = "accelerator_gain"
    case decodeCeiling = "decode_ceiling"
    case rooflineEfficiency = "roofline_efficiency"

    public static func < (lhs: DerivedMetric, rhs: DerivedMetric) -> Bool {
        let order = allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }

    /// Unit of the stored value. `battery_hours` and `cost_per_mtok` keep the units their names carry
    /// (h, $/Mtok) as METRICS.md defines them; everything else is SI.
    public var unit: MetricUnit {
        switch self {
        case .volume: .cubicMetres
        case .mass: .kilograms
        case .price: .dollars
        case .throughputDensity: .tokensPerSecondPerCubicMetre
        case .throughputPerKg: .tokensPerSecondPerKilogram
        case .throughputPerDollar: .tokensPerSecondPerDollar
        case .costPerMtok: .dollarsPerMegatoken
        case .tokensPerBattery: .tokens
        case .batteryHours: .hours
        case .acceleratorGain: .times
        case .decodeCeiling: .tokensPerSecond
        case .rooflineEfficiency: .ratio
        }
    }

    /// The METRICS.md definition, with the choices EdgeBench makes where the dictionary leaves one open.
    public var definition: String {
        switch self {
        case .volume: "L × W × H of the catalog entry"
        case .mass: "mass of the catalog entry"
        case .price: "price of the catalog entry (or the plan's override)"
        case .throughputDensity: "e2e_throughput / volume"
        case .throughputPerKg: "e2e_throughput / mass"
        case .throughputPerDollar: "e2e_throughput / price"
        case .costPerMtok:
            "(price / (lifetime_h × 3600 × e2e_throughput) + energy_per_token × electricity_price_per_kWh / 3.6e6) × 1e6"
        case .tokensPerBattery: "battery_Wh × 3600 / energy_per_token"
        case .batteryHours:
            "battery_Wh / P, P = duty × mean_power + (1 − duty) × idle_power (duty < 1 needs a measured idle_power)"
        case .acceleratorGain:
            "energy_per_token(CPU config) / energy_per_token(accelerated config), same board, model and workload"
        case .decodeCeiling:
            "memory_bandwidth / bytes_read_per_token, bytes ≈ model weight bytes (KV cache not included, so the "
                + "ceiling is an upper bound)"
        case .rooflineEfficiency:
            "server_decode_rate / decode_ceiling (decode_rate where the server reports no rate of its own)"
        }
    }

    /// Whether more is better when nothing else says so (Pareto objectives, scenario weights).
    public var defaultDirection: OptimizationDirection {
        switch self {
        case .volume, .mass, .price, .costPerMtok: .minimize
        case .throughputDensity, .throughputPerKg, .throughputPerDollar, .tokensPerBattery, .batteryHours,
            .acceleratorGain, .decodeCeiling, .rooflineEfficiency:
            .maximize
        }
    }
}
