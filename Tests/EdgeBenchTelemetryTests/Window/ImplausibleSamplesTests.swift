import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchTelemetry

/// Issue 13.3: one corrupted tegrastats sample made a Jetson Nano draw 885 kW (1e8 J). Samples no
/// device can produce are dropped, counted and flagged `implausible_samples`, and no window's energy is
/// integrated across them. The trace is the real Nano training log, one line a second.
@Suite struct ImplausibleSamplesTests {
    static let source = SourceDescription(id: "tegrastats", kind: "tegrastats", boundary: .moduleInput, detail: "test")

    static func at(_ seconds: Double) -> Instant { Instant(nanoseconds: UInt64(1_000_000_000 + seconds * 1e9)) }

    /// The log's lines with line `corrupt` (0-based) reading `milliwatts` on POM_5V_IN.
    static func lines(corrupt: Int? = nil, milliwatts: String = "885000000") throws -> [String] {
        var lines = try Fixtures.text("tegrastats/tegrastats-jp4-nano-4gb.log").split(separator: "\n").map(String.init)
        if let corrupt {
            let line = lines[corrupt]
            let value = try #require(line.range(of: #"POM_5V_IN \d+/"#, options: .regularExpression))
            lines[corrupt] = line.replacingCharacters(in: value, with: "POM_5V_IN \(milliwatts)/")
        }
        return lines
    }

    /// Samples as the sampler stores them: each line's live readings at t = line index s.
    static func samples(_ lines: [String]) throws -> [Sample] {
        try lines.enumerated().flatMap { index, text in
            let line = try #require(try TegrastatsLine.parse(text, lineNumber: index + 1))
            return line.liveReadings.map { Sample(at: at(Double(index)), source: source.id, reading: $0) }
        }
    }

    @Test func the885KilowattSampleIsDroppedAndNotIntegratedAcross() throws {
        let clean = try #require(PowerSelection.primary(sources: [Self.source], samples: try Self.samples(Self.lines())))
        let corrupted = try #require(PowerSelection.primary(
            sources: [Self.source], samples: try Self.samples(Self.lines(corrupt: 49))))
        #expect(corrupted.channel == "POM_5V_IN")
        #expect(corrupted.dropped.count == 1)
        #expect(corrupted.dropped.first?.1 == 885_000)
        #expect(corrupted.points.count == 113)
        #expect(corrupted.gaps.count == 1)
        #expect(corrupted.gaps.first.map { [$0.start, $0.end] } == [Self.at(48), Self.at(50)])
        // A request across the dropped sample: no energy at all, flagged.
        let across = RequestEnergy.Windows(submit: Self.at(40), first: Self.at(41), last: Self.at(59), done: Self.at(60))
        let (metrics, flags) = RequestEnergy.compute(corrupted, windows: across, existing: [.nOut: 20, .nIn: 10], idlePower: nil)
        #expect(metrics.isEmpty)
        #expect(flags == [.implausibleSamples])
        #expect(corrupted.energy(from: Self.at(40), to: Self.at(60)) == nil)
        // A request away from it: exactly what the clean trace gives.
        let away = RequestEnergy.Windows(submit: Self.at(10), first: Self.at(11), last: Self.at(39), done: Self.at(40))
        let (kept, keptFlags) = RequestEnergy.compute(corrupted, windows: away, existing: [.nOut: 20], idlePower: nil)
        let (reference, _) = RequestEnergy.compute(clean, windows: away, existing: [.nOut: 20], idlePower: nil)
        #expect(kept == reference)
        #expect(keptFlags.isEmpty)
        #expect(try #require(kept[.energy]) < 200)
    }

    /// The idle baseline is a mean: a gap only shortens it (the covered parts' energy over their time).
    @Test func idlePowerIsTheMeanOutsideTheGap() throws {
        let clean = try #require(PowerSelection.primary(sources: [Self.source], samples: try Self.samples(Self.lines())))
        let corrupted = try #require(PowerSelection.primary(
            sources: [Self.source], samples: try Self.samples(Self.lines(corrupt: 49))))
        let before = try #require(clean.energy(from: Self.at(40), to: Self.at(48))).joules
        let after = try #require(clean.energy(from: Self.at(50), to: Self.at(60))).joules
        let idle = try #require(RequestEnergy.idlePower(corrupted, from: Self.at(40), to: Self.at(60)))
        #expect(abs(idle - (before + after) / 18) < 1e-12)
    }

    /// With the catalog's rated maximum (Orin Nano Super: 25 W) the bound is 250 W; without one, a
    /// module input's 600 W. A negative reading is never power.
    @Test func theBoundComesFromTheRatedMaximumOrTheBoundary() throws {
        let samples = try Self.samples(Self.lines(corrupt: 20, milliwatts: "300000"))
        let rated = try #require(PowerSelection.primary(sources: [Self.source], samples: samples, ratedMaximum: 25))
        #expect(rated.dropped.map(\.1) == [300])
        #expect(rated.plausibility?.reason(300) == "300 W is above 10 × the device's rated maximum of 25 W")
        let unrated = try #require(PowerSelection.primary(sources: [Self.source], samples: samples))
        #expect(unrated.dropped.isEmpty)
        #expect(unrated.plausibility?.ceiling == 600)

        let plug = SourceDescription(id: "plug", kind: "shelly", boundary: .wallAC, detail: "test")
        let watts: [Double] = [5, 5, -5, 5, 5]
        let plugSamples = watts.enumerated().map {
            Sample(at: Self.at(Double($0.offset)), source: "plug", reading: Reading(channel: "p", quantity: .power, value: $0.element))
        }
        let series = try #require(PowerSelection.primary(sources: [plug], samples: plugSamples))
        #expect(series.dropped.map(\.1) == [-5])
        // the gap is (1 s, 3 s), between the kept samples around the dropped one
        #expect(series.energy(from: Self.at(0), to: Self.at(1))?.joules == 5)
        #expect(series.energy(from: Self.at(3), to: Self.at(4))?.joules == 5)
        #expect(series.energy(from: Self.at(0), to: Self.at(1.5)) == nil)
    }

    /// The run's telemetry summary leaves the impossible sample out as well.
    @Test func theTelemetrySummaryLeavesItOut() throws {
        let samples = try Self.samples(Self.lines(corrupt: 49))
        let summary = TelemetryWindow.summarize(samples, from: Self.at(0), to: Self.at(113), sources: [Self.source])
        #expect(summary["POM_5V_IN"]?.max == 5.206)
        #expect(summary["POM_5V_IN"]?.samples == 113)
    }

    /// `edgebench energy` on the corrupted log: a window across the sample is refused with where it is,
    /// one beside it is the clean figure with a note.
    @Test func logEnergyRefusesAWindowAcrossIt() throws {
        let clean = try TegrastatsLog.parse(try Self.lines().joined(separator: "\n"))
        let corrupted = try TegrastatsLog.parse(try Self.lines(corrupt: 49).joined(separator: "\n"))
        let problem = try #require(throws: LogEnergy.Problem.self) { try LogEnergy.compute(corrupted, from: nil, to: nil) }
        #expect(problem == .implausible(
            rail: "POM_5V_IN", count: 1, at: 49,
            reason: "885000 W is above 600 W, 10 × the largest edge board's rated maximum (Jetson AGX Orin 64 GB, 60 W)",
            gap: [48, 50]))
        #expect(problem.description.contains("pick --from and --to outside [48.0, 50.0] s"))
        let beside = try LogEnergy.compute(corrupted, from: 10, to: 40)
        let reference = try LogEnergy.compute(clean, from: 10, to: 40)
        #expect(beside.energy == reference.energy)
        #expect(beside.note?.hasPrefix("1 impossible POM_5V_IN reading(s) outside the window dropped (first at 49.0 s") == true)
    }
}
