import EdgeBenchCore
import Testing

@testable import EdgeBenchRunner

/// Issue 13.3 at the configuration: a dropped impossible sample costs the request across it its energy
/// (flagged), the configuration is flagged and told why; the device's rated maximum sets the bound.
@Suite struct ImplausibleSamplesFlagTests {
    static func at(_ seconds: Double) -> Instant { Instant(nanoseconds: UInt64(1_000_000_000 + seconds * 1e9)) }
    static let source = SourceDescription(id: "tegrastats", kind: "tegrastats", boundary: .moduleInput, detail: "test")

    /// 5 W every 0.1 s for 4 s, with one 300 W sample at 2.5 s: impossible for a board rated 25 W.
    static let samples: [Sample] = (0...40).map { step in
        Sample(at: at(Double(step) / 10), source: "tegrastats",
               reading: Reading(channel: "VDD_IN", quantity: .power, value: step == 25 ? 300 : 5))
    }

    static func measure(ratedMaximum: Double?) -> ([RequestResult], MeasuredEnergy.Attached) {
        var energy = MeasuredEnergy()
        energy.windows = [
            (0, .init(submit: at(0.5), first: at(0.6), last: at(1.4), done: at(1.5))),
            (1, .init(submit: at(2.0), first: at(2.1), last: at(2.9), done: at(3.0))),
        ]
        var measured = [
            RequestResult(index: 0, metrics: [.nOut: 8], itl: [], flags: []),
            RequestResult(index: 1, metrics: [.nOut: 8], itl: [], flags: []),
        ]
        let attached = energy.attach(to: &measured, samples: samples, sources: [source], ratedMaximum: ratedMaximum)
        return (measured, attached)
    }

    @Test func theRequestAcrossTheSampleHasNoEnergyAndEveryoneIsTold() throws {
        let (measured, attached) = Self.measure(ratedMaximum: 25)
        #expect(abs(try #require(measured[0].metrics[.energy]) - 5.0) < 1e-9)
        #expect(measured[0].flags == [])
        #expect(measured[1].metrics[.energy] == nil)
        #expect(measured[1].metrics[.meanPower] == nil)
        #expect(measured[1].flags == [.implausibleSamples])
        #expect(attached.flags == [.implausibleSamples])
        #expect(attached.updated == [0, 1])
        #expect(attached.notes == [
            "dropped 1 impossible sample(s) of tegrastats/VDD_IN (first: 300 W is above 10 × the device's rated maximum "
                + "of 25 W at +2.000 s from the first request): energy is not integrated across them; 1 request(s) "
                + "without energy, flagged implausible_samples",
        ])
    }

    /// Without a rated maximum, 300 W is within what a module input can draw (600 W): kept.
    @Test func withoutARatedMaximumTheBoundaryLimitApplies() {
        let (measured, attached) = Self.measure(ratedMaximum: nil)
        #expect(measured[1].metrics[.energy] != nil)
        #expect(attached.flags.isEmpty)
        #expect(attached.notes.isEmpty)
    }
}
