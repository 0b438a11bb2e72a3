import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct SamplerTests {
    // The sampler runs on a `VirtualSamplerClock`: it wakes exactly at its deadlines and reads take no
    // time unless a source spends some, so every count below is exact whatever the machine's load.
    // What the real clock costs and achieves (CPU share, rate at 10 and 100 Hz) is bench/sampler.sh's.

    /// 10 ms for 300 ms of virtual time: rounds at 0, 10, …, 300 ms, in batches of at most 8.
    @Test func samplesAtTheIntervalInBoundedBatches() throws {
        let clock = VirtualSamplerClock()
        let collector = SampleCollector()
        let sampler = try Sampler(
            sources: [CountingSource()], interval: .milliseconds(10), maxBatch: 8, clock: clock, sink: collector.sink)
        sampler.start()
        clock.advance(by: .milliseconds(300))
        let report = sampler.stop()

        let samples = collector.samples
        #expect(samples.count == 31)
        #expect(collector.batches == [8, 8, 8, 7])
        #expect(report.batches == 4)
        #expect(report.largestBatch == 8)
        // Values count reads in order; each stamp is its round's instant (a read takes no virtual time).
        #expect(samples.map(\.reading.value) == (1...31).map(Double.init))
        #expect(samples.map(\.at) == (0...30).map { clock.at(milliseconds: Double($0) * 10) })
        #expect(samples.allSatisfy { $0.source == "fake" })
        #expect(report.startedAt == clock.origin)
        #expect(report.stoppedAt == clock.at(milliseconds: 300))
        #expect(report.duration == 0.3)

        let source = try #require(report.sources.first)
        #expect(source.id == "fake")
        #expect(source.reads == 31)
        #expect(source.readings == 31)
        #expect(source.failures == 0)
        #expect(source.lastError == nil)
        #expect(report.rounds == 31)
        #expect(report.missedRounds == 0)
        #expect(report.interval == 0.01)
        #expect(abs(source.effectiveRate - 31 / 0.3) < 1e-9, "effective rate \(source.effectiveRate)/s")
        #expect(!report.hasGaps)
    }

    /// Flushes when `flushInterval` has passed since the last flush (at 100, 200, 300 ms), not only at stop.
    @Test func flushesAtLeastEveryFlushIntervalWhileRunning() throws {
        let clock = VirtualSamplerClock()
        let collector = SampleCollector()
        let sampler = try Sampler(
            sources: [CountingSource()], interval: .milliseconds(10), flushInterval: .milliseconds(100),
            clock: clock, sink: collector.sink)
        sampler.start()
        clock.advance(by: .milliseconds(350))
        // rounds 0…100 ms, 110…200, 210…300; 310…350 still pending
        #expect(collector.batches == [11, 10, 10])
        sampler.stop()
        #expect(collector.batches == [11, 10, 10, 5])
        #expect(collector.samples.map(\.reading.value) == (1...36).map(Double.init))
    }

    /// A round that takes 25 ms at a 10 ms interval skips the deadlines it missed (it does not burst to
    /// catch up), counts them, and stamps each sample in the middle of its read.
    @Test func aRoundThatOverrunsSkipsTheMissedDeadlines() throws {
        let clock = VirtualSamplerClock()
        let collector = SampleCollector()
        let slow = SpendingSource(clock: clock, spends: .milliseconds(25))
        let sampler = try Sampler(sources: [slow], interval: .milliseconds(10), clock: clock, sink: collector.sink)
        sampler.start()
        clock.advance(to: clock.at(milliseconds: 100))
        let report = sampler.stop()
        // Rounds start at 0, 30, 60, 90 ms and end 25 ms later; each misses the 2 deadlines it ran over.
        #expect(report.rounds == 4)
        #expect(report.missedRounds == 8)
        #expect(collector.samples.map(\.at) == [12.5, 42.5, 72.5, 102.5].map { clock.at(milliseconds: $0) })
        #expect(report.stoppedAt == clock.at(milliseconds: 115))
    }

    @Test func throwingSourceRecordsGapsOthersContinue() throws {
        let clock = VirtualSamplerClock()
        let collector = SampleCollector()
        let sampler = try Sampler(
            sources: [FailingSource(), CountingSource(id: "ok")], interval: .milliseconds(10), clock: clock,
            sink: collector.sink)
        sampler.start()
        clock.advance(by: .milliseconds(100))
        let report = sampler.stop()

        let broken = try #require(report.sources.first { $0.id == "broken" })
        let ok = try #require(report.sources.first { $0.id == "ok" })
        #expect(report.rounds == 11)
        #expect(report.hasGaps)
        #expect(broken.reads == 0)
        #expect(broken.failures == 11)
        #expect(broken.lastError == "meter unplugged (read 11)")
        #expect(broken.effectiveRate == 0)
        #expect(ok.reads == 11)
        #expect(ok.failures == 0)
        #expect(abs(ok.effectiveRate - 110) < 1e-9)
        #expect(collector.samples.allSatisfy { $0.source == "ok" })
        #expect(collector.samples.count == 11)
    }

    @Test func intermittentFailuresAreCountedPerSource() throws {
        let clock = VirtualSamplerClock()
        let sampler = try Sampler(
            sources: [FailingSource(period: 2)], interval: .milliseconds(5), clock: clock, sink: { _ in })
        sampler.start()
        clock.advance(by: .milliseconds(100))
        let report = sampler.stop()
        let source = try #require(report.sources.first)
        // 21 rounds (0, 5, …, 100 ms); every second read fails
        #expect(report.rounds == 21)
        #expect(source.reads == 11)
        #expect(source.failures == 10)
        #expect(source.lastError == "meter unplugged (read 20)")
    }

    @Test func exitedEngineIsAGapNotACrash() throws {
        let tree = try FakeTree()
        try tree.makeDirectory("/proc")
        let clock = VirtualSamplerClock()
        let sampler = try Sampler(
            sources: [ProcessMemorySource(pid: 31337, root: tree.root)], interval: .milliseconds(10), clock: clock,
            sink: { _ in })
        sampler.start()
        clock.advance(by: .milliseconds(50))
        let report = sampler.stop()
        let engine = try #require(report.sources.first)
        #expect(report.rounds == 6)
        #expect(engine.failures == 6)
        #expect(engine.reads == 0)
        #expect(engine.lastError == TelemetryError.processExited(pid: 31337, path: tree.path("/proc/31337/status")).description)
    }

    @Test func intervalOutsideOneMillisecondToTenSecondsIsRejected() {
        #expect(throws: SamplerError.intervalOutOfRange(.microseconds(500))) {
            try Sampler(sources: [], interval: .microseconds(500), sink: { _ in })
        }
        #expect(throws: SamplerError.intervalOutOfRange(.seconds(11))) {
            try Sampler(sources: [], interval: .seconds(11), sink: { _ in })
        }
        #expect(SamplerError.intervalOutOfRange(.seconds(11)).description
            == "sampling interval 11.0 seconds is out of range: use 1 ms … 10 s (the default 100 ms samples at 10 Hz)")
        #expect(Sampler.defaultInterval == .milliseconds(100))
    }

    /// stop() wakes the sampler out of its wait instead of letting it sleep to the next deadline: on the
    /// virtual clock no time passes, so a stop that waited for the deadline would never return (the time
    /// limit turns that into a failure). The production wait is `MonotonicConditionTests.broadcastWakesEarly`.
    @Test(.timeLimit(.minutes(1))) func stopIsPromptEvenAtTenSecondInterval() throws {
        let clock = VirtualSamplerClock()
        let collector = SampleCollector()
        let sampler = try Sampler(sources: [CountingSource()], interval: .seconds(10), clock: clock, sink: collector.sink)
        sampler.start()
        clock.waitUntilParked()
        let report = sampler.stop()
        #expect(report.rounds == 1)
        #expect(report.stoppedAt == clock.origin)
        // The one round done at start was flushed at stop.
        #expect(collector.samples.count == 1)
        #expect(collector.batches == [1])
    }

    @Test func stopBeforeStartAndTwice() throws {
        let sampler = try Sampler(sources: [CountingSource()], interval: .milliseconds(10), sink: { _ in })
        let early = sampler.stop()
        #expect(early.rounds == 0)
        #expect(early.startedAt == nil)
        #expect(early.sources.map(\.reads) == [0])
        sampler.start()  // after stop: does nothing
        Thread.sleep(forTimeInterval: 0.03)
        #expect(sampler.stop() == early)
    }

    @Test func stopCalledFromAsyncCode() async throws {
        let collector = SampleCollector()
        let sampler = try Sampler(sources: [CountingSource()], interval: .milliseconds(10), sink: collector.sink)
        sampler.start()
        try await Task.sleep(for: .milliseconds(50))
        let report = sampler.stop()
        #expect(report.rounds >= 1)
        #expect(collector.samples.count == report.rounds)
    }
}

/// Counts its reads like `CountingSource`, and spends `spends` of the virtual clock's time on each.
final class SpendingSource: TelemetrySource, @unchecked Sendable {
    let description = SourceDescription(id: "slow", kind: "fake", boundary: .system, detail: "a slow read")
    let clock: VirtualSamplerClock
    let spends: Duration
    private let lock = NSLock()
    private var count = 0

    init(clock: VirtualSamplerClock, spends: Duration) {
        self.clock = clock
        self.spends = spends
    }

    func read() throws -> [Reading] {
        clock.spend(spends)
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return [Reading(channel: "count", quantity: .utilisation, value: Double(count))]
    }
}
