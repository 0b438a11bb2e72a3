import EdgeBenchCore
import Foundation

/// State shared by the sampler thread and its callers, guarded by one condition
/// (which also wakes the thread early on stop, so `stop()` returns promptly even at a 10 s interval).
final class SamplerShared: @unchecked Sendable {
    enum Phase { case idle, running, stopping, stopped }
    /// A round's count for a source whose read threw (its error went to `recordFailure`).
    static let failed = -1

    struct Tally {
        var reads = 0
        var failures = 0
        var readings = 0
        var lastError: String?
    }

    private let condition = MonotonicCondition()
    private let clock: any SamplerClock
    // Everything below is touched only while `condition` is locked.
    private var phase = Phase.idle
    private let sourceIDs: [String]
    private var tallies: [Tally]
    private var startedAt: Instant?
    private var stoppedAt: Instant?
    private var rounds = 0
    private var missedRounds = 0
    private var batches = 0
    private var largestBatch = 0

    init(sourceIDs: [String], clock: any SamplerClock) {
        self.sourceIDs = sourceIDs
        self.clock = clock
        self.tallies = Array(repeating: Tally(), count: sourceIDs.count)
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    /// true when the caller should start the thread
    func beginStart() -> Bool {
        locked {
            guard phase == .idle else { return false }
            phase = .running
            return true
        }
    }

    func markStarted(at instant: Instant) { locked { startedAt = instant } }

    /// Rounds done so far: what a caller waiting for fresh samples polls, without building a report.
    var roundsDone: Int { locked { rounds } }

    func markStopped(at instant: Instant) {
        locked {
            stoppedAt = instant
            phase = .stopped
            condition.broadcast()
        }
    }

    func recordBatch(size: Int) {
        locked {
            batches += 1
            largestBatch = max(largestBatch, size)
        }
    }

    /// A read that threw: counted with the round, its text kept as the source's last error.
    func recordFailure(of index: Int, _ text: String) {
        locked { tallies[index].lastError = text }
    }

    /// Records a round (per source: the readings it gave, or `failed`), then sleeps until `deadline`
    /// (the clock's ns) or a stop request. Returns true when the thread should stop.
    func finishRound(_ counts: [Int], missed: Int, sleepUntil deadline: UInt64) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        rounds += 1
        missedRounds += missed
        for index in counts.indices {
            let readings = counts[index]
            if readings == Self.failed {
                tallies[index].failures += 1
            } else if readings > 0 {
                // Nothing new (a tool between its lines, a rate-limited source) is neither a read nor a gap,
                // so effectiveRate is the rate the source really delivered.
                tallies[index].reads += 1
                tallies[index].readings += readings
            }
        }
        while phase == .running, clock.now().nanoseconds < deadline {
            clock.wait(on: condition, until: deadline)
        }
        return phase != .running
    }

    func requestStopAndWait() {
        locked {
            switch phase {
            case .idle:
                phase = .stopped
            case .running:
                phase = .stopping
                condition.broadcast()
                while phase != .stopped { condition.wait() }
            case .stopping:
                while phase != .stopped { condition.wait() }
            case .stopped:
                break
            }
        }
    }

    func report(interval: Double) -> SamplerReport {
        locked {
            let end = stoppedAt ?? (phase == .running ? clock.now() : startedAt)
            let duration = startedAt.flatMap { start in end.map { $0.seconds(since: start) } } ?? 0
            let sources = zip(sourceIDs, tallies).map { id, tally in
                SamplerReport.SourceReport(
                    id: id, reads: tally.reads, failures: tally.failures, readings: tally.readings,
                    lastError: tally.lastError,
                    effectiveRate: duration > 0 ? Double(tally.reads) / duration : 0
                )
            }
            return SamplerReport(
                interval: interval, startedAt: startedAt, stoppedAt: stoppedAt, rounds: rounds,
                missedRounds: missedRounds, batches: batches, largestBatch: largestBatch, sources: sources
            )
        }
    }
}
