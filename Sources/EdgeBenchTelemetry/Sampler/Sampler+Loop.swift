import EdgeBenchCore
import Foundation

extension Sampler {
    /// The sampler thread. Rounds are scheduled on absolute deadlines (start + k·interval)
    /// so the rate does not drift with read time; a round that overruns skips the missed
    /// deadlines instead of bursting to catch up.
    func run() {
        let step = interval.nanoseconds
        let flushEvery = flushInterval.nanoseconds
        let clock = self.clock
        let start = clock.now()
        shared.markStarted(at: start)
        var pending: [Sample] = []
        pending.reserveCapacity(min(maxBatch, 4096))
        var lastFlush = start
        var deadline = start.nanoseconds

        // One buffer for the readings and one for the round's counts, reused every round, and one clock
        // read between two sources (the end of one read is the start of the next): at 100 Hz and more,
        // per-round allocations and clock reads are most of what the sampler adds to the reads themselves.
        var readings: [Reading] = []
        readings.reserveCapacity(64)
        var counts = [Int](repeating: 0, count: readers.count)
        while true {
            var before = clock.now()
            for index in readers.indices {
                readings.removeAll(keepingCapacity: true)
                do {
                    try readers[index].read(&readings)
                    let after = clock.now()
                    // Stamp the middle of the read: the closest estimate of when the value held.
                    let at = Instant(nanoseconds: before.nanoseconds + (after.nanoseconds - before.nanoseconds) / 2)
                    for reading in readings {
                        pending.append(Sample(at: at, source: sourceIDs[index], reading: reading))
                    }
                    counts[index] = readings.count
                    before = after
                } catch {
                    counts[index] = SamplerShared.failed
                    shared.recordFailure(of: index, String(describing: error))
                    before = clock.now()
                }
            }
            var now = before
            if pending.count >= maxBatch || now.nanoseconds - lastFlush.nanoseconds >= flushEvery {
                flush(&pending)
                lastFlush = now
                now = clock.now()
            }

            deadline += step
            var missed = 0
            let afterRound = now.nanoseconds
            if afterRound > deadline {
                let behind = (afterRound - deadline) / step + 1
                missed = Int(behind)
                deadline += behind * step
            }
            if shared.finishRound(counts, missed: missed, sleepUntil: deadline) { break }
        }
        flush(&pending)
        shared.markStopped(at: clock.now())
    }

    private func flush(_ pending: inout [Sample]) {
        guard !pending.isEmpty else { return }
        var start = 0
        while start < pending.count {
            let end = min(start + maxBatch, pending.count)
            let batch = Array(pending[start..<end])
            shared.recordBatch(size: batch.count)
            sink(batch)
            start = end
        }
        pending.removeAll(keepingCapacity: true)
    }
}
