import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchTelemetry

/// Virtual time for the sampler. Time moves only when the test advances it (or a source spends time
/// with `spend`), and `advance` wakes the sampler at each of its deadlines in turn, as a machine that
/// is never late would, then returns once the sampler is parked again. So round counts, stamps,
/// flushes, missed rounds and rates are exact, whatever the real machine's load.
///
/// The sampler thread waits on its own condition (untimed), so `stop()`'s broadcast still ends the
/// wait at once: a stop that had to wait for the deadline would never return here.
final class VirtualSamplerClock: SamplerClock, @unchecked Sendable {
    private let state = NSCondition()
    // Guarded by `state`. Lock order: the sampler's condition, then `state`; never the reverse.
    private var time: UInt64
    /// The deadline the sampler thread is waiting for, while it waits.
    private var parkedDeadline: UInt64?
    /// The sampler's condition, known from its first wait.
    private var condition: MonotonicCondition?

    /// Where time starts: an arbitrary non-zero instant, so nothing can pass by assuming time zero.
    let origin: Instant

    init(origin: Instant = Instant(nanoseconds: 5_000_000_000)) {
        self.origin = origin
        time = origin.nanoseconds
    }

    /// `origin` plus `milliseconds`.
    func at(milliseconds: Double) -> Instant {
        Instant(nanoseconds: origin.nanoseconds + UInt64((milliseconds * 1_000_000).rounded()))
    }

    func now() -> Instant {
        state.lock()
        defer { state.unlock() }
        return Instant(nanoseconds: time)
    }

    func wait(on condition: MonotonicCondition, until deadline: UInt64) {
        state.lock()
        guard time < deadline else {
            state.unlock()
            return
        }
        self.condition = condition
        parkedDeadline = deadline
        state.broadcast()
        state.unlock()
        // `advance` broadcasts with the condition locked, so it cannot slip in between here and the wait.
        condition.wait()
        state.lock()
        parkedDeadline = nil
        state.unlock()
    }

    func pass(_ duration: Duration) { advance(by: duration) }

    /// Called by a source on the sampler thread: its read took `duration`.
    func spend(_ duration: Duration) {
        state.lock()
        time += duration.nanoseconds
        state.unlock()
    }

    /// Waits (real time) until the sampler thread has done what is due and waits for a later deadline.
    func waitUntilParked(sourceLocation: SourceLocation = #_sourceLocation) {
        state.lock()
        defer { state.unlock() }
        parkedLocked(sourceLocation: sourceLocation)
    }

    /// Moves time forward by `duration` from where it is once the sampler has parked: see `advance(to:)`.
    func advance(by duration: Duration, sourceLocation: SourceLocation = #_sourceLocation) {
        advance(sourceLocation: sourceLocation) { $0 + duration.nanoseconds }
    }

    /// Moves time forward to `instant`, waking the sampler at each of its deadlines on the way;
    /// returns with the sampler parked on a deadline after the new time.
    func advance(to instant: Instant, sourceLocation: SourceLocation = #_sourceLocation) {
        advance(sourceLocation: sourceLocation) { _ in instant.nanoseconds }
    }

    private func advance(sourceLocation: SourceLocation, target: (UInt64) -> UInt64) {
        state.lock()
        parkedLocked(sourceLocation: sourceLocation)
        let target = target(time)
        while let deadline = parkedDeadline, deadline <= target, let condition {
            time = deadline
            state.unlock()
            condition.lock()
            condition.broadcast()
            condition.unlock()
            state.lock()
            parkedLocked(sourceLocation: sourceLocation)
        }
        // A source that spent time may have carried the sampler past the target.
        time = max(time, target)
        state.unlock()
    }

    /// With `state` locked. A generous real-time limit turns a sampler that never parks into a failure, not a hang.
    private func parkedLocked(sourceLocation: SourceLocation) {
        let limit = Date().addingTimeInterval(120)
        while !(parkedDeadline.map { $0 > time } ?? false) {
            if !state.wait(until: limit) {
                Issue.record("the sampler thread did not park", sourceLocation: sourceLocation)
                return
            }
        }
    }
}
