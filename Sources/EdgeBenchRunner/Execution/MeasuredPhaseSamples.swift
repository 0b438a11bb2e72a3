import EdgeBenchCore
import Foundation

/// Keeps the samples of the measured phase (from `begin`) for the configuration's telemetry summary;
/// every sample also goes to the store, so this is only the working set of one configuration.
final class MeasuredPhaseSamples: @unchecked Sendable {
    private let lock = NSLock()
    private var from: Instant?
    private var kept: [Sample] = []

    func begin(at instant: Instant) {
        lock.lock()
        from = instant
        lock.unlock()
    }

    func append(_ samples: [Sample]) {
        lock.lock()
        defer { lock.unlock() }
        guard let from else { return }
        kept.append(contentsOf: samples.lazy.filter { $0.at >= from })
    }

    var samples: [Sample] {
        lock.lock()
        defer { lock.unlock() }
        return kept
    }
}
