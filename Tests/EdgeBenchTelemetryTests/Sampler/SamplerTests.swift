import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct SamplerTests {
    /// Behaviour, not a benchmark: 10 ms for ~300 ms gives about 30 rounds.
    @Test func samplesAtTheIntervalInBoundedBatches() throws {
        let collector = SampleCollector()
        let sampler = try Sampler(sources: [CountingSource()], interval: .milliseconds(10), maxBatch: 8, sink: collector.sink)
        let before = Instant.now()
        sampler.start()
        Thread.sleep(forTimeInterval: 0.3)
        let report = sampler.stop()
        let after = Instant.now()

        let samples = collector.samples
        #expect((25...35).contains(samples.count), "got \(samples.count) samples in \(report.duration) s")
        #expect(collector.batches.allSatisfy { $0 <= 8 })
        #expect(collector.batches.reduce(0, +) == samples.count)
        #expect(report.batches == collector.batches.count)
        #expect(report.largestBatch == collector.batches.max())
        // Values count reads in order, stamps are monotonic and inside the run.
        #expect(samples.map(\.reading.value) == (1...samples.count).map(Double.init))
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0.at < $1.at })
        #expect(samples.allSatisfy { $0.at >= before && $0.at <= after && $0.source == "fake" })

        let source = try #require(report.sources.first)
        #expect(source.id == "fake")
        #expect(source.reads == samples.count)
        #expect(source.readings == samples.count)
        #expect(source.failures == 0)
        #expect(source.lastError == nil)
        #expect(report.rounds == samples.count)
        #expect(report.interval == 0.01)
        #expect((80...110).contains(source.effectiveRate), "effective rate \(source.effectiveRate)/s")
        #expect(!report.hasGaps)
    }

    @Test func flushesAtLeastEveryFlushIntervalWhileRunning() throws {
        let collector = SampleCollector()
        let sampler = try Sampler(
            sources: [CountingSource()], interval: .milliseconds(10), flushInterval: .milliseconds(100),
            sink: collector.sink)
        sampler.start()
        Thread.sleep(forTimeInterval: 0.35)
        let beforeStop = collector.batches.count
        sampler.stop()
        #expect(beforeStop >= 2, "only \(beforeStop) batches arrived before stop()")
        #expect(collector.batches.count >= beforeStop)
    }

    @Test func throwingSourceRecordsGapsOthersContinue() throws {
        let collector = SampleCollector()
        let sampler = try Sampler(
            sources: [FailingSource(), CountingSource(id: "ok")], interval: .milliseconds(10), sink: collector.sink)
        sampler.start()
        Thread.sleep(forTimeInterval: 0.1)
        let report = sampler.stop()

        let broken = try #require(report.sources.first { $0.id == "broken" })
        let ok = try #require(report.sources.first { $0.id == "ok" })
        #expect(report.hasGaps)
        #expect(broken.reads == 0)
        #expect(broken.failures == report.rounds)
        #expect(broken.lastError == "meter unplugged (read \(report.rounds))")
        #expect(broken.effectiveRate == 0)
        #expect(ok.reads == report.rounds)
        #expect(ok.failures == 0)
        #expect(collector.samples.allSatisfy { $0.source == "ok" })
        #expect(collector.samples.count == report.rounds)
    }

    @Test func intermittentFailuresAreCountedPerSource() throws {
        let sampler = try Sampler(sources: [FailingSource(period: 2)], interval: .milliseconds(5), sink: { _ in })
        sampler.start()
        Thread.sleep(forTimeInterval: 0.1)
        let report = sampler.stop()
        let source = try #require(report.sources.first)
        #expect(source.reads + source.failures == report.rounds)
        #expect(source.failures == report.rounds / 2)
        #expect(source.lastError?.hasPrefix("meter unplugged (read ") == true)
    }

    @Test func exitedEngineIsAGapNotACrash() throws {
        let tree = try FakeTree()
        try tree.makeDirectory("/proc")
        let sampler = try Sampler(
            sources: [ProcessMemorySource(pid: 31337, root: tree.root)], interval: .milliseconds(10), sink: { _ in })
        sampler.start()
        Thread.sleep(forTimeInterval: 0.05)
        let report = sampler.stop()
        let engine = try #require(report.sources.first)
        #expect(engine.failures >= 1)
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

    @Test func stopIsPromptEvenAtTenSecondInterval() throws {
        let collector = SampleCollector()
        let sampler = try Sampler(sources: [CountingSource()], interval: .seconds(10), sink: collector.sink)
        sampler.start()
        Thread.sleep(forTimeInterval: 0.05)
        let clock = ContinuousClock()
        let elapsed = clock.measure { sampler.stop() }
        #expect(elapsed < .milliseconds(500), "stop() took \(elapsed)")
        // The one round done at start was flushed at stop.
        #expect(collector.samples.count == 1)
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
