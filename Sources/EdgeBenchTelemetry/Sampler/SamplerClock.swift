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

/// CLOCK_MONOTONIC; a wait of one short round is one `clock_nanosleep`, a longer one a timed wait on the
/// sampler's condition.
struct MonotonicSamplerClock: SamplerClock {
    /// Rounds up to this long sleep without the condition. In glibc a timed condition wait that times out
    /// makes a second futex call to confirm its wake-up: at 100 Hz on a VM that one syscall was a third of
    /// what the sampler added to its reads. A stop then waits for the round in progress, at most this long;
    /// longer rounds (up to 10 s) wait on the condition so `stop()` stays prompt.
    static let sleepWithoutCondition: UInt64 = 100_000_000

    @inline(__always)
    func now() -> Instant { Instant.now() }

    func wait(on condition: MonotonicCondition, until deadline: UInt64) {
        #if os(Linux)
        let now = Instant.now().nanoseconds
        if deadline > now, deadline - now <= Self.sleepWithoutCondition {
            condition.unlock()
            defer { condition.lock() }
            var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
            _ = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil)
            return
        }
        #endif
        condition.wait(until: deadline)
    }

    func pass(_ duration: Duration) { Thread.sleep(forTimeInterval: duration.seconds) }
}
