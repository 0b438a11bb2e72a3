/// Every metric EdgeBench reports, named by its METRICS.md id: what is measured per request, what is
/// measured once per configuration, and what the analysis derives from those and the device catalog.
/// One vocabulary: summaries, analyses, objectives, constraints, scenario weights and compare thresholds
/// are all keyed by it, and text becomes a `MetricID` once, where it is read.
public enum MetricID: String, Codable, Sendable, CaseIterable, Comparable {
    // Latency and speed (per request)
    case ttft
    case e2eLatency = "e2e_latency"
    case decodeTime = "decode_time"
    case decodeRate = "decode_rate"
    case tpot
    case itl
    case prefillRate = "prefill_rate"
    case e2eThroughput = "e2e_throughput"
    case serverPrefillRate = "server_prefill_rate"
    case serverDecodeRate = "server_decode_rate"
    // Token counts (per request)
    case nIn = "n_in"
    case nOut = "n_out"
    // Energy (per request, from the configuration's power source)
    case energy
    case meanPower = "mean_power"
    case peakPower = "peak_power"
    case activeEnergy = "active_energy"
    case energyPerToken = "energy_per_token"
    case tokensPerJoule = "tokens_per_joule"
    case decodeEnergyPerToken = "decode_energy_per_token"
    case prefillEnergyPerToken = "prefill_energy_per_token"
    case activeEnergyPerToken = "active_energy_per_token"
    case throughputPerWatt = "throughput_per_watt"
    // Per configuration
    case idlePower = "idle_power"
    case loadTime = "load_time"
    case requestRate = "request_rate"
    case systemOutputRate = "system_output_rate"
    // Load profiles (METRICS.md "Load profiles"): per request, how late the harness sent it against its
    // schedule; the rest per configuration (one level)
    case sendLag = "send_lag"
    case concurrencyAchieved = "concurrency_achieved"
    case goodput
    case requestErrors = "request_errors"
    case requestTimeouts = "request_timeouts"
    // Cold start (per request of a `start: cold` workload, `ColdStartMetrics`)
    case coldTTFT = "cold_ttft"
    case coldEnergy = "cold_energy"
    // Derived by the analysis (METRICS.md *Physical, cost and battery* and *Roofline*)
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

    /// Where a metric's value comes from.
    public enum Scope: Sendable, Equatable {
        /// measured for each request (bundle `requests[].metrics`)
        case request
        /// measured once for a configuration (an n = 1 summary)
        case configuration
        /// computed by the analysis from measured values and the device catalog; never stored
        case derived
    }

    public var scope: Scope {
        switch self {
        case .idlePower, .loadTime, .requestRate, .systemOutputRate, .concurrencyAchieved, .goodput, .requestErrors,
            .requestTimeouts:
            .configuration
        case .volume, .mass, .price, .throughputDensity, .throughputPerKg, .throughputPerDollar, .costPerMtok,
            .tokensPerBattery, .batteryHours, .acceleratorGain, .decodeCeiling, .rooflineEfficiency:
            .derived
        default: .request
        }
    }

    /// The metrics a run measures (per request or per configuration), in METRICS.md order.
    public static let measured = allCases.filter { $0.scope != .derived }
    /// The metrics the analysis derives, in METRICS.md order.
    public static let derived = allCases.filter { $0.scope == .derived }

    public static func < (lhs: MetricID, rhs: MetricID) -> Bool {
        order[lhs]! < order[rhs]!
    }

    private static let order = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    /// Unit of the stored value: SI, except `battery_hours` and `cost_per_mtok`, which keep the units their
    /// names carry (h, $/Mtok) as METRICS.md defines them.
    public var unit: MetricUnit {
        switch self {
        case .ttft, .e2eLatency, .decodeTime, .itl, .loadTime, .sendLag, .coldTTFT: .seconds
        case .tpot: .secondsPerToken
        case .decodeRate, .prefillRate, .e2eThroughput, .serverPrefillRate, .serverDecodeRate, .systemOutputRate,
            .decodeCeiling:
            .tokensPerSecond
        case .requestRate, .goodput: .requestsPerSecond
        case .requestErrors, .requestTimeouts: .requests
        case .nIn, .nOut, .tokensPerBattery: .tokens
        case .energy, .activeEnergy, .coldEnergy: .joules
        case .meanPower, .peakPower, .idlePower: .watts
        case .energyPerToken, .decodeEnergyPerToken, .prefillEnergyPerToken, .activeEnergyPerToken: .joulesPerToken
        case .tokensPerJoule: .tokensPerJoule
        case .throughputPerWatt: .tokensPerSecondPerWatt
        case .volume: .cubicMetres
        case .mass: .kilograms
        case .price: .dollars
        case .throughputDensity: .tokensPerSecondPerCubicMetre
        case .throughputPerKg: .tokensPerSecondPerKilogram
        case .throughputPerDollar: .tokensPerSecondPerDollar
        case .costPerMtok: .dollarsPerMegatoken
        case .batteryHours: .hours
        case .acceleratorGain: .times
        case .rooflineEfficiency, .concurrencyAchieved: .ratio
        }
    }

    /// The METRICS.md definition, printed next to tables that use the metric, with the choices EdgeBench
    /// makes where the dictionary leaves one open.
    public var definition: String {
        switch self {
        case .ttft: "t_first − t_submit"
        case .e2eLatency: "t_done − t_submit"
        case .decodeTime: "t_last − t_first"
        case .decodeRate: "(N_out − 1) / decode_time"
        case .tpot: "decode_time / (N_out − 1)"
        case .itl: "gap between consecutive token-carrying chunks ÷ tokens in the later chunk"
        case .prefillRate: "N_in / ttft"
        case .e2eThroughput: "N_out / e2e_latency"
        case .serverPrefillRate: "server's own prompt rate (llama.cpp timings.prompt_per_second, Ollama prompt_eval_count / prompt_eval_duration, llama-bench pp)"
        case .serverDecodeRate: "server's own generation rate (llama.cpp timings.predicted_per_second, Ollama eval_count / eval_duration, llama-bench tg)"
        case .nIn: "prompt tokens actually evaluated (server-reported first)"
        case .nOut: "generated tokens (server-reported first, never the requested maximum)"
        case .loadTime: "model load time (managed engine start → healthy)"
        case .requestRate: "completed requests / wall time of the measured phase"
        case .systemOutputRate: "Σ N_out / wall time of the measured phase"
        case .sendLag: "actual t_submit − scheduled send time (load levels other than synchronous)"
        case .concurrencyAchieved: "Σ e2e_latency / T_level (mean requests in flight)"
        case .goodput: "requests that met every SLO of the workload / T_level"
        case .requestErrors: "measured requests that ended in an error other than a timeout (load levels)"
        case .requestTimeouts: "measured requests that ran past the engine's timeout or idle_timeout (load levels)"
        case .coldTTFT: "load_time + ttft of a request that found the model unloaded"
        case .coldEnergy: "energy from the load request's start to t_first"
        case .energy: "energy of [t_submit, t_done]: counter difference, or trapezoidal integral of power"
        case .meanPower: "energy / (t_done − t_submit)"
        case .peakPower: "highest power sample in [t_submit, t_done]"
        case .idlePower: "mean power over the idle baseline (engine loaded, no requests)"
        case .activeEnergy: "energy − idle_power × (t_done − t_submit)"
        case .energyPerToken: "energy / N_out"
        case .tokensPerJoule: "N_out / energy"
        case .decodeEnergyPerToken: "energy of [t_first, t_last] / (N_out − 1)"
        case .prefillEnergyPerToken: "energy of [t_submit, t_first] / N_in"
        case .activeEnergyPerToken: "active_energy / N_out"
        case .throughputPerWatt: "e2e_throughput / mean_power"
        case .volume: "L × W × H of the catalog entry"
        case .mass: "mass of the catalog entry"
        case .price: "price of the catalog entry on the analysis's price basis: kit as benchmarked, else board (or the plan's override)"
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

    /// Latency metrics get percentiles in summaries.
    public var isLatency: Bool {
        switch self {
        case .ttft, .e2eLatency, .decodeTime, .tpot, .itl, .sendLag, .coldTTFT: true
        default: false
        }
    }

    /// Whether more is better when nothing else says so (Pareto objectives, scenario weights, compare);
    /// nil for the token counts, which describe the work done rather than how well it was done.
    public var defaultDirection: OptimizationDirection? {
        switch self {
        case .nIn, .nOut: nil
        case .decodeRate, .prefillRate, .e2eThroughput, .serverPrefillRate, .serverDecodeRate, .requestRate,
            .systemOutputRate, .decodeCeiling, .throughputDensity, .throughputPerKg, .throughputPerDollar,
            .throughputPerWatt, .tokensPerJoule, .acceleratorGain, .rooflineEfficiency, .batteryHours,
            .tokensPerBattery, .goodput, .concurrencyAchieved:
            .maximize
        case .ttft, .e2eLatency, .decodeTime, .tpot, .itl, .loadTime, .energy, .activeEnergy, .energyPerToken,
            .decodeEnergyPerToken, .prefillEnergyPerToken, .activeEnergyPerToken, .meanPower, .peakPower,
            .idlePower, .volume, .mass, .price, .costPerMtok, .sendLag, .requestErrors, .requestTimeouts, .coldTTFT,
            .coldEnergy:
            .minimize
        }
    }
}

/// Printed and used as a JSON object key by its METRICS.md id (`decode_rate`), never its Swift name.
extension MetricID: CustomStringConvertible, CodingKeyRepresentable {
    public var description: String { rawValue }
}
