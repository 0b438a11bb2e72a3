import EdgeBenchEngines
import Testing

/// A timeout from the plan is a Duration: the message says it as the user wrote it, fractions included
/// (an integer cast would have printed `timeout: 0.5` as "0 s").
struct TimeoutMessageTests {
    @Test func startupTimeoutSaysTheSecondsAsWritten() {
        #expect(ManagedServerError.startupTimeout(.milliseconds(500), log: "/l").description
            == "llama-server did not become healthy within 0.5 s (still loading, or stuck); see /l")
        #expect(ManagedServerError.startupTimeout(.seconds(120), log: "/l").description
            == "llama-server did not become healthy within 120 s (still loading, or stuck); see /l")
    }

    @Test func llamaBenchTimeoutSaysTheSecondsAsWritten() {
        #expect(LlamaBenchRunError.timedOut(.milliseconds(1500), log: "/b.log").description.hasPrefix(
            "llama-bench did not finish within 1.5 s and was stopped (see /b.log)"))
    }
}
