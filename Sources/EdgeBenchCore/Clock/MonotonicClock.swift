#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Dispatch
#endif

/// An instant on the one monotonic clock that stamps everything in a run:
/// token arrivals, request submissions and telemetry samples. Wall-clock
/// time is provenance only and never enters a metric.
public struct Instant: Comparable, Hashable, Sendable, Codable {
    public var nanoseconds: UInt64

    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    /// Reads CLOCK_MONOTONIC (one vDSO call on Linux; Dispatch's uptime clock elsewhere), cheap enough for
    /// the token hot path and the sampler's rounds. The sampler's sleeps wait on this same clock.
    public static func now() -> Instant {
        #if canImport(Glibc) || canImport(Musl)
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Instant(nanoseconds: UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec))
        #else
        return Instant(nanoseconds: DispatchTime.now().uptimeNanoseconds)
        #endif
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Seconds from `earlier` to `self` (negative when `earlier` is later).
    public func seconds(since earlier: Instant) -> Double {
        if nanoseconds >= earlier.nanoseconds {
            return Double(nanoseconds - earlier.nanoseconds) / 1e9
        }
        return -Double(earlier.nanoseconds - nanoseconds) / 1e9
    }

    public func adding(_ duration: Duration) -> Instant {
        adding(seconds: duration.inSeconds)
    }

    public func adding(seconds: Double) -> Instant {
        let delta = Int64((seconds * 1e9).rounded())
        return Instant(nanoseconds: UInt64(max(0, Int64(nanoseconds) + delta)))
    }
}
