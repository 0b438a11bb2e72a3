/// Every metric EdgeBench reports, named by its METRICS.md id.
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

    public static func < (lhs: MetricID, rhs: MetricID) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var unit: MetricUnit {
        switch self {
        case .ttft, .e2eLatency, .decodeTime, .itl, .loadTime: .seconds
        case .tpot: .secondsPerToken
        case .decodeRate, .prefillRate, .e2eThroughput, .serverPrefillRate, .serverDecodeRate, .systemOutputRate: .tokensPerSecond
        case .requestRate: .requestsPerSecond
        case .nIn, .nOut: .tokens
        case .energy, .activeEnergy: .joules
        case .meanPower, .peakPower, .idlePower: .watts
        case .energyPerToken, .decodeEnergyPerToken, .prefillEnergyPerToken, .activeEnergyPerToken: .joulesPerToken
        case .tokensPerJoule: .tokensPerJoule
        case .throughputPerWatt: .tokensPerSecondPerWatt
        }
    }

    /// The METRICS.md definition, printed next to tables that use the metric.
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
        }
    }

    /// Latency metrics get percentiles in summaries.
    public var isLatency: Bool {
        switch self {
        case .ttft, .e2eLatency, .decodeTime, .tpot, .itl: true
        default: false
        }
    }
}
