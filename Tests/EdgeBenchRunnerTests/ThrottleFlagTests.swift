import EdgeBenchCore
import Testing

@testable import EdgeBenchRunner

/// METRICS.md: throttling seen during a request's window flags that request `throttled`, and only it.
@Suite struct ThrottleFlagTests {
    static func at(_ seconds: Double) -> Instant { Instant(nanoseconds: UInt64(1_000_000_000 + seconds * 1e9)) }

    @Test func onlyTheRequestWhoseWindowSawThrottlingIsFlagged() {
        var energy = MeasuredEnergy()
        energy.windows = [
            (0, .init(submit: Self.at(0), first: Self.at(0.1), last: Self.at(0.9), done: Self.at(1))),
            (1, .init(submit: Self.at(1.5), first: Self.at(1.6), last: Self.at(2.4), done: Self.at(2.5))),
        ]
        let samples = [
            Sample(at: Self.at(0.5), source: "rpi", reading: Reading(channel: "throttled", quantity: .throttle, value: 0)),
            Sample(at: Self.at(1.2), source: "rpi", reading: Reading(channel: "throttled", quantity: .throttle, value: 1)),
            Sample(at: Self.at(2.0), source: "rpi", reading: Reading(channel: "throttled", quantity: .throttle, value: 1)),
        ]
        var measured = [
            RequestResult(index: 0, metrics: [.nOut: 8], itl: [], flags: []),
            RequestResult(index: 1, metrics: [.nOut: 8], itl: [], flags: [.stoppedEarly]),
        ]
        let attached = energy.attach(to: &measured, samples: samples, sources: [])
        #expect(measured[0].flags == [])
        #expect(measured[1].flags == [.stoppedEarly, .throttled])
        #expect(attached.updated == [1], "only the flagged request is stored again")
        #expect(attached.power == nil)  // no power source: no energy figure
    }
}
