import EdgeBenchCore
import Foundation

/// The sampler's time: the instant a round is at, and the wait until the next round's deadline.
///
/// The seam that lets tests run the sampler on virtual time (exact round counts, flushes, gaps and
/// rates, whatever the machine's load). Production uses `MonotonicSamplerClock`, which is exactly
/// what the sampler always did: a `clock_gettime(CLOCK_MONOTONIC)` per stamp and one timed condition
/// wait per round, with no allocation (an empty struct fits the existential's inline buffer).
protocol SamplerClock: Sendable {
    /// Now, on `Instant`'s monotonic timeline.
    func now() -> Instant
    /// Called on the sampler thread with `condition` locked: waits until `deadline` (`Instant`
    /// nanoseconds) or a broadcast on `condition` (`stop()` sends one), whichever comes first.
    /// May return early; the caller re-checks its state and the time.
    func wait(on condition: MonotonicCondition, until deadline: UInt64)
    /// The controlling thread lets `duration` pass while the sampler runs (`TelemetryRecording`).
    func pass(_ duration: Duration)
}

/// CLOCK_MONOTONIC and a timed wait on the sampler's condition.
struct MonotonicSamplerClock: SamplerClock {
    @inline(__always)
    func now() -> Instant { Instant.now() }

    @inline(__always)
    func wait(on condition: MonotonicCondition, until deadline: UInt64) { condition.wait(until: deadline) }

    func pass(_ duration: Duration) { Thread.sleep(forTimeInterval: duration.seconds) }
}
