import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct TelemetryRecordingTests {
    /// Every sample handed to the sink is counted and written as one JSON line in SI units.
    @Test func writesEverySampleAsAJSONLine() throws {
        let tree = try FakeTree()
        try tree.zone(0, type: "cpu-thermal\n", temp: "48500\n")
        let out = tree.path("/samples.jsonl")
        FileManager.default.createFile(atPath: out, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: out))
        let outcome = try TelemetryRecording.record(
            sources: [ThermalZonesSource(root: tree.root)], rate: 50, duration: .milliseconds(300), output: handle)
        try handle.close()
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(outcome.samples == lines.count)
        #expect(outcome.samples == outcome.report.sources[0].readings)
        #expect(outcome.samples >= 1)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["source"] as? String == "thermal")
        #expect(first["channel"] as? String == "cpu-thermal")
        #expect(first["quantity"] as? String == "temperature")
        #expect(first["value"] as? Double == 48.5)
        #expect((first["t"] as? Double).map { $0 >= 0 && $0 < 1 } == true)
        #expect(outcome.rate == 50)
        #expect(outcome.cpuSeconds >= 0 && outcome.cpuPercentOfOneCore >= 0)
    }

    /// A source with nothing new this round (rate-limited, or a tool between lines) is neither a read
    /// nor a gap: its effective rate is what it delivered, not the sampler's rate.
    @Test func roundsWithNothingNewAreNotReads() throws {
        let tree = try FakeTree()
        try tree.zone(0, type: "cpu-thermal\n", temp: "48500\n")
        let limited = RateLimitedSource(ThermalZonesSource(root: tree.root), minimum: .seconds(10))
        let outcome = try TelemetryRecording.record(sources: [limited], rate: 100, duration: .milliseconds(300))
        let report = try #require(outcome.report.sources.first)
        #expect(report.reads == 1)
        #expect(report.readings == 1)
        #expect(report.failures == 0)
        #expect(outcome.report.rounds > 1)
    }
}
