import EdgeBenchCore
import Foundation

/// A ready-made sink that keeps every sample in memory, for a measured phase whose
/// samples the runner needs afterwards (windows, energy attribution). Thread-safe.
public final class SampleCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Sample] = []
    private var batchSizes: [Int] = []

    public init() {}

    /// Pass this to `Sampler(sink:)`.
    public var sink: @Sendable ([Sample]) -> Void {
        { [self] batch in
            lock.lock()
            stored.append(contentsOf: batch)
            batchSizes.append(batch.count)
            lock.unlock()
        }
    }

    public var samples: [Sample] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    /// Sizes of the batches received, in order.
    public var batches: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return batchSizes
    }
}
