import EdgeBenchTesting
import EdgeBenchCore
import Testing

@testable import EdgeBenchTelemetry

/// Energy per window on synthetic traces with known integrals (METRICS.md "Power and energy").
@Suite struct PowerSeriesTests {
    static let meter = SourceDescription(id: "plug", kind: "shelly", boundary: .wallAC, detail: "test")
    static let rapl = SourceDescription(id: "rapl", kind: "rapl", boundary: .cpuPackage, detail: "test")

    static func at(_ seconds: Double) -> Instant { Instant(nanoseconds: UInt64(1_000_000_000 + seconds * 1e9)) }

    static func series(_ points: [(Double, Double)], source: SourceDescription = meter, quantity: Quantity = .power) -> PowerSeries? {
        let samples = points.map { Sample(at: at($0.0), source: source.id, reading: Reading(channel: "p", quantity: quantity, value: $0.1)) }
        return PowerSeries(samples: samples, source: source, channel: "p", quantity: quantity)
    }

    @Test func constantRampAndStepAtAnEdge() throws {
        let constant = try #require(Self.series((0...20).map { (Double($0) * 0.1, 4.0) }))
        #expect(abs(constant.energy(from: Self.at(0.25), to: Self.at(1.25))!.joules - 4.0) < 1e-9)
        // P = 10 t: ∫ from 0.5 to 1.5 = 5 (1.5² − 0.5²) = 10 J, exact for a linear trace with interpolated edges
        let ramp = try #require(Self.series((0...20).map { (Double($0) * 0.1, Double($0)) }))
        #expect(abs(ramp.energy(from: Self.at(0.55), to: Self.at(1.55))!.joules - 5 * (1.55 * 1.55 - 0.55 * 0.55)) < 1e-9)
        // 2 W until 1 s, 6 W after: a window ending at the step's sample
        let step = try #require(Self.series([(0, 2), (0.5, 2), (1.0, 2), (1.0001, 6), (1.5, 6), (2, 6)]))
        #expect(abs(step.energy(from: Self.at(0.5), to: Self.at(1.0))!.joules - 1.0) < 1e-9)
        #expect(step.peakPower(from: Self.at(0.9), to: Self.at(1.6)) == 6)
    }

    @Test func irregularSamplingAndWindowsBeyondTheTraceGiveNothing() throws {
        let trace = try #require(Self.series([(0, 1), (0.03, 1), (0.5, 3), (0.51, 3), (2, 3)]))
        // ∫0→0.5 trapezoid of (1 → 3 linear between 0.03 and 0.5) = 0.03 + 0.47 × 2 = 0.97
        #expect(abs(trace.energy(from: Self.at(0), to: Self.at(0.5))!.joules - 0.97) < 1e-9)
        #expect(trace.energy(from: Self.at(1.5), to: Self.at(2.5)) == nil)  // no extrapolation
        #expect(trace.energy(from: Self.at(-0.1), to: Self.at(1)) == nil)
    }

    @Test func counterDifferencesAndWrapAround() throws {
        // RAPL-like counter in J: 10 W, wrapping at 100 J between 0.9 s and 1.0 s
        let values: [(Double, Double)] = (0...20).map { i in (Double(i) * 0.1, (95 + Double(i)).truncatingRemainder(dividingBy: 100)) }
        let counter = try #require(Self.series(values, source: Self.rapl, quantity: .energyCounter))
        #expect(counter.quantity == .energyCounter)
        let before = try #require(counter.energy(from: Self.at(0.1), to: Self.at(0.4)))
        #expect(abs(before.joules - 3) < 1e-9)
        // across the wrap: one interval (0.4 → 0.5 s, 1 J) is lost rather than invented
        let across = try #require(counter.energy(from: Self.at(0.2), to: Self.at(1.2)))
        #expect(abs(across.joules - 9) < 1e-9)
        #expect(counter.peakPower(from: Self.at(0), to: Self.at(0.4)).map { abs($0 - 10) < 1e-6 } == true)
    }

    @Test func requestEnergyMetricsFromOneTrace() throws {
        let trace = try #require(Self.series((0...40).map { (Double($0) * 0.05, 5.0) }))
        let windows = RequestEnergy.Windows(submit: Self.at(0.2), first: Self.at(0.4), last: Self.at(1.4), done: Self.at(1.45))
        let existing: [MetricID: Double] = [.nIn: 20, .nOut: 11, .e2eThroughput: 11 / 1.25]
        let (metrics, flags) = RequestEnergy.compute(trace, windows: windows, existing: existing, idlePower: 2)
        #expect(abs(metrics[.energy]! - 6.25) < 1e-9)
        #expect(abs(metrics[.meanPower]! - 5) < 1e-9)
        #expect(metrics[.peakPower] == 5)
        #expect(abs(metrics[.energyPerToken]! - 6.25 / 11) < 1e-12)
        #expect(abs(metrics[.tokensPerJoule]! - 11 / 6.25) < 1e-12)
        #expect(abs(metrics[.prefillEnergyPerToken]! - 1.0 / 20) < 1e-12)
        #expect(abs(metrics[.decodeEnergyPerToken]! - 5.0 / 10) < 1e-12)
        #expect(abs(metrics[.activeEnergy]! - (6.25 - 2 * 1.25)) < 1e-9)
        #expect(abs(metrics[.throughputPerWatt]! - (11 / 1.25) / 5) < 1e-12)
        #expect(flags.isEmpty)  // 25 samples in the window
        let short = RequestEnergy.Windows(submit: Self.at(0.2), first: nil, last: nil, done: Self.at(0.5))
        #expect(RequestEnergy.compute(trace, windows: short, existing: existing, idlePower: nil).flags == [.lowConfidence])
    }

    @Test func aManualConstantIsNeverLowConfidence() throws {
        // a meter read off its display: one reading a second, 3 in the window — exact by declaration
        let manual = SourceDescription(id: "manual", kind: "manual", boundary: .wallAC, detail: "3.5 W")
        let trace = try #require(Self.series((0...10).map { (Double($0), 3.5) }, source: manual))
        let windows = RequestEnergy.Windows(submit: Self.at(2), first: Self.at(2.5), last: Self.at(4), done: Self.at(4))
        let (metrics, flags) = RequestEnergy.compute(trace, windows: windows, existing: [.nOut: 7], idlePower: nil)
        #expect(flags == [])
        #expect(abs(metrics[.energy]! - 7) < 1e-9)  // 3.5 W × 2 s
        #expect(abs(metrics[.energyPerToken]! - 1) < 1e-9)
    }

    @Test func theMostInclusiveBoundaryIsChosenAndNeverMixed() throws {
        let rails = SourceDescription(id: "ina3221", kind: "ina3221", boundary: .moduleInput, detail: "t")
        var samples: [Sample] = []
        for i in 0...10 {
            let t = Self.at(Double(i) * 0.1)
            samples.append(Sample(at: t, source: "ina3221", reading: Reading(channel: "VDD_CPU_GPU_CV", quantity: .power, value: 2)))
            samples.append(Sample(at: t, source: "ina3221", reading: Reading(channel: "VDD_IN", quantity: .power, value: 6)))
        }
        let inBoard = try #require(PowerSelection.primary(sources: [rails], samples: samples))
        #expect(inBoard.channel == "VDD_IN")
        for i in 0...10 {
            samples.append(Sample(at: Self.at(Double(i) * 0.1), source: "plug", reading: Reading(channel: "p", quantity: .power, value: 9)))
        }
        let wall = try #require(PowerSelection.primary(sources: [rails, Self.meter], samples: samples))
        #expect(wall.source.id == "plug" && wall.source.boundary == .wallAC)
        #expect(PowerSelection.primary(sources: [SourceDescription(id: "thermal", kind: "thermal", boundary: .system, detail: "")], samples: samples) == nil)
    }

    /// AGX Orin's tegrastats (tegrastats-jp7.2-agx-orin.txt) has no VDD_IN: the live source adds the
    /// rails' sum, and energy is then that sum at the SoC-rails boundary — never one rail, never module input.
    @Test func tegrastatsWithoutInputRailGivesTheSumAtSoCRails() throws {
        let line = try #require(try TegrastatsLine.parse(
            Substring(try Fixtures.text("tegrastats/tegrastats-jp7.2-agx-orin.txt").split(separator: "\n")[0]), lineNumber: 1))
        let live = line.liveReadings
        let sum = try #require(live.first { $0.channel == TegrastatsLog.sumOfRailsChannel })
        #expect(abs(sum.value - (5.139 + 3.268 + 5.5)) < 1e-9)
        let tegrastats = SourceDescription(id: "tegrastats", kind: "tegrastats", boundary: .moduleInput, detail: "t")
        let samples = (0...10).flatMap { i in live.map { Sample(at: Self.at(Double(i) * 0.1), source: "tegrastats", reading: $0) } }
        let series = try #require(PowerSelection.primary(sources: [tegrastats], samples: samples))
        #expect(series.channel == TegrastatsLog.sumOfRailsChannel)
        #expect(series.source.boundary == .socRails)
        #expect(series.source.detail.hasSuffix("sum of rails: no input rail (VDD_IN or POM_5V_IN) on this module"))
        // A line with VDD_IN gets no sum.
        let nano = try #require(try TegrastatsLine.parse(
            Substring(try Fixtures.text("tegrastats/tegrastats-jp6-orin-nano-8gb-idle-nosudo.txt").split(separator: "\n")[0]), lineNumber: 1))
        #expect(!nano.liveReadings.contains { $0.channel == TegrastatsLog.sumOfRailsChannel })
    }
}
