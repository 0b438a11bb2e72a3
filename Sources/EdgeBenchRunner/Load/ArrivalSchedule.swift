import EdgeBenchCore
import Foundation

/// When each request of a scheduled rate is due, in seconds from the level's start: request k at
/// k/R (constant), or after exponential gaps of mean 1/R from a generator seeded by the workload's seed
/// (Poisson), so a rerun sends on the same schedule.
struct ArrivalSchedule: Sequence, IteratorProtocol {
    let rate: Double
    let arrivals: LoadLevel.Arrivals
    private var generator: SplitMix64
    private var due = 0.0
    private var started = false

    init(rate: Double, arrivals: LoadLevel.Arrivals, seed: UInt64) {
        precondition(rate > 0, "a schedule needs a rate above 0")
        self.rate = rate
        self.arrivals = arrivals
        generator = SplitMix64(seed: seed)
    }

    /// The first request is due at 0 s; each later one one gap after the one before.
    mutating func next() -> Double? {
        guard started else {
            started = true
            return 0
        }
        switch arrivals {
        case .constant: due += 1 / rate
        case .poisson:
            // inverse transform of a uniform in (0, 1]: never log(0)
            let u = 1 - generator.nextUnitInterval()
            due += -Foundation.log(u) / rate
        }
        return due
    }
}

/// A small, fast, seedable generator (Steele, Lea & Flood's SplitMix64): the standard library's
/// generator cannot be seeded, and a schedule must be reproducible from the plan.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
