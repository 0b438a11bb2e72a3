import EdgeBenchCore

/// What each validity flag means, for the report's legend (METRICS.md, Statistics and Energy).
enum FlagLegend {
    static func meaning(_ raw: String) -> String {
        guard let flag = Flag(rawValue: raw) else { return "flag not known to this EdgeBench version" }
        // exhaustive on purpose: a new flag must get a legend before it reaches a report
        switch flag {
        case .fewSamples: return "fewer than 5 measured requests: statistics are rough"
        case .unstable: return "coefficient of variation above 10 %"
        case .stoppedEarly: return "generation stopped before the requested length"
        case .estimated: return "token count estimated from stream chunks, not reported by the server"
        case .clientServerDisagreement: return "decode_rate and server_decode_rate differ by more than 10 %"
        case .throttled: return "throttling seen during the measured window"
        case .noTokens: return "a request produced no token at all"
        case .serverTimingImplausible: return "the server's own rates were implausible and were dropped"
        case .partialOffload: return "only part of the model ran on the accelerator"
        case .lowConfidence: return "energy from fewer than 10 power samples (or too coarse a counter)"
        case .manual: return "power is a constant read off a meter's display, not measured over time"
        case .promptCached: return "part of the prompt came from the server's cache: not a cold prefill"
        case .serverCountImplausible: return "a count or duration the server reported was impossible: the client's is kept"
        case .implausibleSamples: return "impossible telemetry samples were dropped; energy was not integrated across them"
        case .harnessLagged: return "the harness sent requests late against its schedule (send_lag p99 above 10 % of the gap): the rate was the harness's limit, not the engine's"
        }
    }
}
