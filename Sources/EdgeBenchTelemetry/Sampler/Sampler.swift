import EdgeBenchCore
import Foundation

/// Reads every source once per interval on one dedicated thread, stamps each reading
/// on the run's monotonic clock and hands samples to `sink` in batches.
///
/// - The sink is called on the sampler thread, at least once per `flushInterval`, whenever
///   `maxBatch` samples are pending, and once more at `stop()`; keep it quick (append to a
///   store or yield to an AsyncStream). The sampler keeps no samples itself, so memory stays bounded.
/// - A source that throws leaves a gap: its failures and last error are counted, the others go on.
/// - `stop()` blocks the caller only until the round in progress and the last flush finish.
public final class Sampler: Sendable {
    public static let defaultInterval: Duration = .milliseconds(100)
    public static let allowedIntervals: ClosedRange<Duration> = .milliseconds(1) ... .seconds(10)

    /// Each source's `read(into:)`, opened once: calling a source through `sources[index]` copies the
    /// existential (a retain and release of every array and string the source holds) on every round.
    let readers: [SourceReader]
    let sourceIDs: [String]
    let interval: Duration
    let flushInterval: Duration
    let maxBatch: Int
    let sink: @Sendable ([Sample]) -> Void
    let clock: any SamplerClock
    let shared: SamplerShared

    public convenience init(
        sources: [any TelemetrySource],
        interval: Duration = Sampler.defaultInterval,
        flushInterval: Duration = .seconds(1),
        maxBatch: Int = 1024,
        sink: @escaping @Sendable ([Sample]) -> Void
    ) throws(SamplerError) {
        try self.init(
            sources: sources, interval: interval, flushInterval: flushInterval, maxBatch: maxBatch,
            clock: MonotonicSamplerClock(), sink: sink)
    }

    /// `clock` is the seam for tests (virtual time); production passes `MonotonicSamplerClock`.
    init(
        sources: [any TelemetrySource],
        interval: Duration = Sampler.defaultInterval,
        flushInterval: Duration = .seconds(1),
        maxBatch: Int = 1024,
        clock: any SamplerClock,
        sink: @escaping @Sendable ([Sample]) -> Void
    ) throws(SamplerError) {
        guard Self.allowedIntervals.contains(interval) else { throw .intervalOutOfRange(interval) }
        self.readers = sources.map(SourceReader.init)
        self.sourceIDs = sources.map(\.description.id)
        self.interval = interval
        self.flushInterval = max(flushInterval, interval)
        self.maxBatch = max(1, maxBatch)
        self.sink = sink
        self.clock = clock
        self.shared = SamplerShared(sourceIDs: sourceIDs, clock: clock)
    }

    /// Starts the sampler thread; a second call does nothing.
    public func start() {
        guard shared.beginStart() else { return }
        let thread = Thread { [self] in run() }
        thread.name = "edgebench-sampler"
        thread.start()
    }

    /// Stops sampling, flushes what is pending to the sink and returns the report.
    /// Safe to call more than once and before `start()`.
    @discardableResult
    public func stop() -> SamplerReport {
        shared.requestStopAndWait()
        return report()
    }

    /// The report so far (also valid while running).
    public func report() -> SamplerReport {
        shared.report(interval: interval.seconds)
    }

    /// Rounds done so far (one lock, no report built).
    public var rounds: Int { shared.roundsDone }
}

/// One source's `read(into:)` with the source opened from its existential once.
struct SourceReader: Sendable {
    let read: @Sendable (inout [Reading]) throws -> Void

    init(_ source: any TelemetrySource) {
        read = Self.reader(source)
    }

    private static func reader<Source: TelemetrySource>(_ source: Source) -> @Sendable (inout [Reading]) throws -> Void {
        { readings in try source.read(into: &readings) }
    }
}

extension Duration {
    /// This duration in seconds, as a Double.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    var nanoseconds: UInt64 {
        let parts = components
        return UInt64(max(0, parts.seconds)) * 1_000_000_000 + UInt64(max(0, parts.attoseconds) / 1_000_000_000)
    }
}
