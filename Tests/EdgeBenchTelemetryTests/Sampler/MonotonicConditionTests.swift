import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct MonotonicConditionTests {
    /// A timed wait on `Instant`'s clock never returns before its deadline (the kernel guarantees the
    /// lower bound; only that is asserted, so a loaded machine cannot make this flaky).
    @Test func waitsUntilTheDeadline() {
        let condition = MonotonicCondition()
        let deadline = Instant.now().nanoseconds + 30_000_000
        condition.lock()
        while Instant.now().nanoseconds < deadline { condition.wait(until: deadline) }
        condition.unlock()
        #expect(Instant.now().nanoseconds >= deadline)
    }

    /// A broadcast ends a wait long before a far deadline (what makes `Sampler.stop()` prompt at 10 s intervals).
    /// The deadline is an hour away, so leaving the loop at all proves the broadcast ended the wait; no
    /// elapsed time is asserted, and the time limit turns a wait that ignores broadcasts into a failure.
    @Test(.timeLimit(.minutes(1))) func broadcastWakesEarly() {
        let condition = MonotonicCondition()
        let flag = Flag()
        let start = Instant.now()
        let deadline = start.nanoseconds + 3_600_000_000_000
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.05)
            condition.lock()
            flag.set()
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        while !flag.isSet, Instant.now().nanoseconds < deadline { condition.wait(until: deadline) }
        condition.unlock()
        #expect(flag.isSet)
        #expect(Instant.now().nanoseconds < deadline)
    }

    final class Flag: @unchecked Sendable {
        // Read and written only with the condition's mutex held.
        private var value = false
        var isSet: Bool { value }
        func set() { value = true }
    }
}
