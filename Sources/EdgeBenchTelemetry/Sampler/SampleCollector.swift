import EdgeBenchCore
import Foundation

/// Keeps every sample in memory, for a configuration whose samples the runner needs afterwards
/// (windows, energy attribution): the runner's sink appends here as well as to the store. Thread-safe.
public final class SampleCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Sample] = []
    private var batchSizes: [Int] = []

    public init() {}

    /// Pass this to `Sampler(sink:)` when nothing else receives the samples.
    public var sink: @Sendable ([Sample]) -> Void {
        { [self] batch in append(batch) }
    }

    /// One batch, as the sampler delivered it.
    public func append(_ batch: [Sample]) {
        lock.lock()
        defer { lock.unlock() }
        stored.append(contentsOf: batch)
        batchSizes.append(batch.count)
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
