import EdgeBenchCore
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

/// The power timeline travels inside `configurations[].power` (the channel it plots): JSON shape, schema,
/// old bundles without it, and the store (kept in `power_json`, so no migration).
@Suite(.serialized) struct PowerTimelineBundleTests {
    static let timeline = PowerTimeline(
        origin: .idleStart,
        points: [.init(time: -0.01, watts: 3.2), .init(time: 0.5, watts: 3.1), .init(time: 1.2, watts: 7.75),
                 .init(time: 2.4, watts: 3.3)],
        samples: 240, idle: .init(start: 0, end: 1),
        requests: [.init(start: 1.05, firstToken: 1.2, end: 1.9), .init(start: 1.9, firstToken: nil, end: 2.3)],
        requestsTotal: 2)

    static let power = PowerProvenance(
        source: "ina3221", channel: "VDD_IN", boundary: .moduleInput, quantity: .power, isEstimate: false,
        isManual: false, samples: 240, effectiveRate: 100, idleSeconds: 1, timeline: timeline)

    static var bundle: ResultBundle {
        var bundle = SampleBundle.bundle
        bundle.configurations[0].power = power
        return bundle
    }

    @Test func encodesAsCompactSnakeCaseJSONAndRoundTrips() throws {
        let data = try BundleCodec.encode(Self.bundle)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let configurations = try #require(object["configurations"] as? [[String: Any]])
        let power = try #require(configurations[0]["power"] as? [String: Any])
        let timeline = try #require(power["timeline"] as? [String: Any])
        #expect(timeline["origin"] as? String == "idle_start")
        #expect(timeline["requests_total"] as? Int == 2)
        #expect((timeline["points"] as? [[Double]])?.first == [-0.01, 3.2])
        let requests = try #require(timeline["requests"] as? [[String: Any]])
        #expect(requests[0]["first_token"] as? Double == 1.2)
        #expect(requests[1]["first_token"] == nil)
        #expect((timeline["idle"] as? [String: Double]) == ["start": 0, "end": 1])
        let decoded = try BundleCodec.decode(data)
        #expect(decoded.configurations[0].powerTimeline == Self.timeline)
        #expect(decoded == Self.bundle)
    }

    @Test func isValidAgainstTheSchemaAndTheSchemaBoundsIt() throws {
        let valid = try BundleSchemaValidator.validate(try BundleCodec.encode(Self.bundle))
        #expect(valid.valid, "\(valid.output)")
        var tooLong = Self.bundle
        tooLong.configurations[0].power?.timeline?.points = (0...PowerTimeline.maxPoints).map {
            .init(time: Double($0), watts: 1)
        }
        let invalid = try BundleSchemaValidator.validate(try BundleCodec.encode(tooLong))
        #expect(!invalid.valid)
        #expect(invalid.output.contains("points"), "\(invalid.output)")
    }

    @Test func aBundleWithoutTimelineStillDecodes() throws {
        var old = Self.bundle
        old.configurations[0].power?.timeline = nil
        // what an EdgeBench before timelines wrote: no "timeline" key at all
        let text = String(decoding: try BundleCodec.encode(old), as: UTF8.self)
        #expect(!text.contains("\"timeline\""))
        let decoded = try BundleCodec.decode(Data(text.utf8))
        #expect(decoded.configurations[0].power?.source == "ina3221")
        #expect(decoded.configurations[0].powerTimeline == nil)
    }

    @Test func nonFiniteValuesNeverReachTheFile() throws {
        var bundle = Self.bundle
        bundle.configurations[0].power?.timeline?.points.append(.init(time: 3, watts: .nan))
        let decoded = try BundleCodec.decode(try BundleCodec.encode(bundle))
        #expect(decoded.configurations[0].powerTimeline == Self.timeline)
    }

    @Test func theStoreKeepsItWithThePowerProvenance() throws {
        let directory = try temporaryDirectory("timeline")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultStore(path: directory.appendingPathComponent("results.db").path)
        let run = SampleBundle.bundle.run
        try store.beginRun(run, environment: SampleBundle.environment, planText: "")
        let configuration = SampleBundle.configurations[0]
        try store.beginConfiguration(runID: run.id, configuration: configuration, engine: nil)
        try store.finishConfiguration(
            runID: run.id, configurationID: configuration.id, engine: SampleBundle.completed.engine, status: .completed,
            error: nil, summary: [:], flags: [], telemetry: [:], power: Self.power)
        #expect(try store.bundle(runID: run.id).configurations[0].powerTimeline == Self.timeline)

        // and an imported bundle keeps it too
        var imported = Self.bundle
        imported.run.id = "imported-run"
        let other = try ResultStore(path: directory.appendingPathComponent("other.db").path)
        #expect(try other.importBundle(imported, planText: "imported"))
        #expect(try other.bundle(runID: "imported-run").configurations[0].powerTimeline == Self.timeline)
    }
}
