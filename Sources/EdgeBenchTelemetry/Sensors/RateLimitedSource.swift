import EdgeBenchCore
import Foundation

/// Reads a costly source (one that spawns a process per read, like `vcgencmd`) at most once per
/// `minimum` interval, whatever the sampler's rate: in between it reports nothing new, so the board
/// being measured is not disturbed by the harness's own process spawns.
public final class RateLimitedSource: TelemetrySource, @unchecked Sendable {
    public let base: any TelemetrySource
    public let minimum: Duration
    private let lock = NSLock()
    /// `minimum` in ns, and the last read's `Instant` (plain integers: this runs every sampler round)
    private let minimumNanoseconds: UInt64
    private var last: UInt64?
    private let clock: any SamplerClock

    public convenience init(_ base: any TelemetrySource, minimum: Duration) {
        self.init(base, minimum: minimum, clock: MonotonicSamplerClock())
    }

    /// `clock` is the seam for tests: the sampler's virtual clock, so the limit holds in virtual time.
    init(_ base: any TelemetrySource, minimum: Duration, clock: any SamplerClock) {
        self.base = base
        self.minimum = minimum
        minimumNanoseconds = minimum.nanoseconds
        self.clock = clock
    }

    public var description: SourceDescription { base.description }

    public func read() throws -> [Reading] {
        guard isDue() else { return [] }
        return try base.read()
    }

    public func read(into readings: inout [Reading]) throws {
        guard isDue() else { return }
        try base.read(into: &readings)
    }

    private func isDue() -> Bool {
        let now = clock.now().nanoseconds
        lock.lock()
        defer { lock.unlock() }
        if let last, now &- last < minimumNanoseconds { return false }
        last = now
        return true
    }
}
