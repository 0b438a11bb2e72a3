import EdgeBenchCore
import Testing
@testable import EdgeBenchTelemetry

@Suite struct TelemetryWindowTests {
    static func at(_ milliseconds: UInt64) -> Instant { Instant(nanoseconds: 1_000_000_000 + milliseconds * 1_000_000) }

    static let sources = [
        SourceDescription(id: "thermal", kind: "thermal_zone", boundary: .system, detail: ""),
        SourceDescription(id: "engine", kind: "proc_status", boundary: .process, detail: ""),
        SourceDescription(id: "jetson", kind: "tegrastats", boundary: .moduleInput, detail: ""),
    ]

    static let samples: [Sample] = [
        Sample(at: at(0), source: "engine", reading: Reading(channel: "engine_rss", quantity: .memory, value: 100)),
        Sample(at: at(100), source: "engine", reading: Reading(channel: "engine_rss", quantity: .memory, value: 300)),
        Sample(at: at(200), source: "engine", reading: Reading(channel: "engine_rss", quantity: .memory, value: 200)),
        Sample(at: at(300), source: "engine", reading: Reading(channel: "engine_rss", quantity: .memory, value: 900)),
        Sample(at: at(100), source: "thermal", reading: Reading(channel: "cpu-thermal", quantity: .temperature, value: 48.5)),
        Sample(at: at(200), source: "thermal", reading: Reading(channel: "cpu-thermal", quantity: .temperature, value: 49.5)),
        // "gpu" exists in two sources → both get the "<source>/<channel>" key
        Sample(at: at(150), source: "thermal", reading: Reading(channel: "gpu", quantity: .temperature, value: 40)),
        Sample(at: at(150), source: "jetson", reading: Reading(channel: "gpu", quantity: .temperature, value: 41)),
        // only outside the window: absent from the summary, not zero
        Sample(at: at(400), source: "jetson", reading: Reading(channel: "VDD_IN", quantity: .power, value: 4.761)),
    ]

    @Test func statisticsPerChannelInsideTheWindow() {
        let summary = TelemetryWindow.summarize(Self.samples, from: Self.at(100), to: Self.at(200), sources: Self.sources)
        #expect(Set(summary.keys) == ["engine_rss", "cpu-thermal", "thermal/gpu", "jetson/gpu"])
        #expect(summary["engine_rss"] == TelemetrySummary(
            source: "engine", quantity: .memory, unit: .bytes, boundary: .process, samples: 2, mean: 250, min: 200, max: 300))
        #expect(summary["cpu-thermal"] == TelemetrySummary(
            source: "thermal", quantity: .temperature, unit: .celsius, boundary: .system, samples: 2, mean: 49, min: 48.5, max: 49.5))
        #expect(summary["jetson/gpu"] == TelemetrySummary(
            source: "jetson", quantity: .temperature, unit: .celsius, boundary: .moduleInput, samples: 1, mean: 41, min: 41, max: 41))
        #expect(summary["VDD_IN"] == nil)
    }

    @Test func unknownSourceDefaultsToSystemBoundary() {
        let samples = [Sample(at: Self.at(0), source: "mystery", reading: Reading(channel: "x", quantity: .utilisation, value: 0.5))]
        let summary = TelemetryWindow.summarize(samples, from: Self.at(0), to: Self.at(0), sources: [])
        #expect(summary["x"]?.boundary == .system)
        #expect(summary["x"]?.unit == .ratio)
    }

    @Test func emptyWindowIsEmpty() {
        #expect(TelemetryWindow.summarize(Self.samples, from: Self.at(500), to: Self.at(600), sources: Self.sources).isEmpty)
    }

    @Test func quantityUnits() {
        #expect(Quantity.allCases.map(\.unit) == [.watts, .joules, .celsius, .hertz, .ratio, .bytes, .ratio])
    }
}
