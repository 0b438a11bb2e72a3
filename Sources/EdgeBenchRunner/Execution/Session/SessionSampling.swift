import EdgeBenchCore
import EdgeBenchTelemetry
import Foundation

/// The sampler of one configuration and what it delivered: every sample kept in memory for the
/// configuration's windows and stored as it comes. The sink runs on the sampler's thread and cannot
/// throw: a batch the store refuses is counted, and the session says so at the end.
final class SessionSampling: Sendable {
    let sampler: Sampler
    let sources: [SourceDescription]
    let collector: SampleCollector
    let storeFailures: StoreFailures
    let interval: Duration

    init(
        sources telemetry: [any TelemetrySource], interval: Duration, store: any ConfigurationStore, runID: String,
        configurationID: String
    ) throws {
        let collector = SampleCollector()
        let failures = StoreFailures()
        sampler = try Sampler(
            sources: telemetry, interval: interval,
            sink: { samples in
                collector.append(samples)
                do {
                    try store.recordSamples(runID: runID, configurationID: configurationID, samples)
                } catch {
                    failures.record(error)
                }
            })
        sources = telemetry.map(\.description)
        self.collector = collector
        storeFailures = failures
        self.interval = interval
    }

    /// Whether a source measures power (the idle baseline and energy need one).
    var measuresPower: Bool { PowerSelection.hasPowerSource(sources) }

    /// Waits until the sampler has done `rounds` rounds, polling at half its interval, for at most 20 intervals
    /// (5 s at least): past that the window's edge simply has no sample, as before, rather than the run hanging.
    func waitForRounds(atLeast rounds: Int) async throws {
        let deadline = Instant.now().adding(seconds: max(5, interval.inSeconds * 20))
        while sampler.rounds < rounds, Instant.now() < deadline {
            try await Task.sleep(for: interval / 2 + .milliseconds(1))
        }
    }
}

/// Store failures of the sampler's thread: how many, and the first error.
final class StoreFailures: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var first: String?

    func record(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        if first == nil { first = String(describing: error) }
    }

    var summary: (count: Int, first: String)? {
        lock.lock()
        defer { lock.unlock() }
        return first.map { (count, $0) }
    }
}
