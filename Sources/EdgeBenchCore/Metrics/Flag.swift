/// Validity flags on requests and configurations (METRICS.md).
public enum Flag: String, Codable, Sendable, CaseIterable, Comparable {
    /// fewer than 5 measured requests
    case fewSamples = "few_samples"
    /// coefficient of variation above 10 %
    case unstable
    /// generation stopped before the requested length
    case stoppedEarly = "stopped_early"
    /// token count from counted stream chunks, not from the server
    case estimated
    /// decode_rate and server_decode_rate differ by more than 10 %
    case clientServerDisagreement = "client_server_disagreement"
    /// throttling seen during the window
    case throttled
    /// a request produced no token at all
    case noTokens = "no_tokens"
    /// the server's own rates disagree with the client's by orders of magnitude (a unit bug, e.g.
    /// rkllama's milliseconds reported as nanoseconds): server rates are dropped, not believed
    case serverTimingImplausible = "server_timing_implausible"
    /// an accelerator configuration ran with only part of the model offloaded
    case partialOffload = "partial_offload"
    /// an energy window with fewer than 10 power samples (or too coarse a counter)
    case lowConfidence = "low_confidence"
    /// power is a constant the user read off a meter's display, not a measurement over time
    case manual
    /// a cold workload's request evaluated fewer prompt tokens than its prompt has: the server answered
    /// part of the prompt from its cache, so TTFT and prefill_rate are not a cold prefill
    case promptCached = "prompt_cached"
    /// a count the server reported is impossible (negative, zero although tokens streamed, far beyond what
    /// streamed, or a duration that is negative or longer than the request): the client's value is kept
    case serverCountImplausible = "server_count_implausible"
    /// telemetry samples no boundary can produce (negative, or far above the device's rated maximum) were
    /// dropped and energy was not integrated across them
    case implausibleSamples = "implausible_samples"
    /// at a scheduled rate, the harness sent requests late (send_lag p99 above 10 % of the mean
    /// inter-arrival time): the harness, not the engine, limited the rate
    case harnessLagged = "harness_lagged"

    public static func < (lhs: Flag, rhs: Flag) -> Bool { lhs.rawValue < rhs.rawValue }
}
