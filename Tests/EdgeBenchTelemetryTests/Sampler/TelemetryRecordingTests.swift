import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchTelemetry

/// The recordings run on a `VirtualSamplerClock`, so they last exactly their duration of virtual time and
/// the counts are exact whatever the machine's load (the real cost is bench/sampler.sh's).
@Suite struct TelemetryRecordingTests {
    /// Every sample handed to the sink is counted and written as one JSON line in SI units.
    @Test func writesEverySampleAsAJSONLine() throws {
        let clock = VirtualSamplerClock()
        let tree = try FakeTree()
        try tree.zone(0, type: "cpu-thermal\n", temp: "48500\n")
        let out = tree.path("/samples.jsonl")
        #expect(FileManager.default.createFile(atPath: out, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: out))
        let outcome = try TelemetryRecording.record(
            sources: [ThermalZonesSource(root: tree.root)], rate: 50, duration: .milliseconds(300), output: handle,
            clock: clock)
        try handle.close()
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(outcome.samples == lines.count)
        #expect(outcome.samples == outcome.report.sources[0].readings)
        // 50 Hz for 300 ms: rounds at 0, 20, …, 300 ms
        #expect(outcome.samples == 16)
        #expect(outcome.report.rounds == 16)
        #expect(outcome.duration == 0.3)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["source"] as? String == "thermal")
        #expect(first["channel"] as? String == "cpu-thermal")
        #expect(first["quantity"] as? String == "temperature")
        #expect(first["value"] as? Double == 48.5)
        #expect(first["t"] as? Double == 0)
        let last = try #require(try JSONSerialization.jsonObject(with: Data(lines[15].utf8)) as? [String: Any])
        #expect(last["t"] as? Double == 0.3)
        #expect(outcome.rate == 50)
        #expect(outcome.cpuSeconds >= 0 && outcome.cpuPercentOfOneCore >= 0)
    }

    /// A source with nothing new this round (rate-limited, or a tool between lines) is neither a read
    /// nor a gap: its effective rate is what it delivered, not the sampler's rate.
    @Test func roundsWithNothingNewAreNotReads() throws {
        let tree = try FakeTree()
        try tree.zone(0, type: "cpu-thermal\n", temp: "48500\n")
        let clock = VirtualSamplerClock()
        let limited = RateLimitedSource(ThermalZonesSource(root: tree.root), minimum: .milliseconds(100), clock: clock)
        let outcome = try TelemetryRecording.record(
            sources: [limited], rate: 100, duration: .milliseconds(300), clock: clock)
        let report = try #require(outcome.report.sources.first)
        // 31 rounds (0, 10, …, 300 ms); the source reads at 0, 100, 200 and 300 ms only
        #expect(outcome.report.rounds == 31)
        #expect(report.reads == 4)
        #expect(report.readings == 4)
        #expect(report.failures == 0)
        #expect(abs(report.effectiveRate - 4 / 0.3) < 1e-9)
        #expect(outcome.samples == 4)
    }
}
