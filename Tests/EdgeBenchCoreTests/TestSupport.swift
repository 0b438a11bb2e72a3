import EdgeBenchCore

/// An instant `ms` milliseconds after the clock's zero; integer milliseconds keep the expected values exact.
func at(ms: UInt64) -> Instant { Instant(nanoseconds: ms * 1_000_000) }

func chunk(ms: UInt64, _ count: Int = 1) -> RequestRecord.Chunk { RequestRecord.Chunk(at: at(ms: ms), count: count) }

func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}
