import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

/// Encoded bundles against `schema/bundle.schema.json` (see `BundleSchemaValidator`).
@Suite(.serialized) struct BundleSchemaTests {
    func validate(_ data: Data) throws -> BundleSchemaValidator.Outcome {
        try BundleSchemaValidator.validate(data)
    }

    @Test func encodedBundleIsValid() throws {
        var bundle = SampleBundle.bundle
        // the undefined values must vanish from the JSON, not break the schema
        bundle.configurations[0].requests[0].metrics[.serverDecodeRate] = .nan
        bundle.configurations[0].summary[.e2eLatency]?.stddev = .infinity
        bundle.configurations.append(
            ConfigurationResult(
                id: "managed/smollm2/long", engine: SampleBundle.completed.engine, model: SampleBundle.smollm,
                workload: SampleBundle.completed.workload, status: .interrupted,
                error: "stopped by Ctrl-C; continue with --resume", requests: [SampleBundle.completed.requests[0]],
                summary: [:], flags: [.fewSamples, .stoppedEarly]))
        let result = try validate(try BundleCodec.encode(bundle))
        #expect(result.valid, "\(result.output)")
        #expect(result.output.hasSuffix("valid\n"))
    }

    /// `device` (catalog entry + plan overrides, SI) and `analysis` (the plan's inputs) are part of the schema.
    @Test func deviceAndAnalysisAreValid() throws {
        var bundle = SampleBundle.bundle
        bundle.analysis = AnalysisParameters(lifetimeHours: 8760, electricityPricePerKWh: 0.3, battery: 356_400, dutyCycle: 0.5)
        bundle.configurations[0].device = Device(
            id: "rpi5-8gb-ai-hat-plus-2", name: "Raspberry Pi 5 (8 GB) + AI HAT+ 2", base: "rpi5-8gb",
            dimensions: Device.Dimensions(length: 0.085, width: 0.056, height: 0.020), mass: 0.065,
            price: Device.Price(usd: 451.83, date: "2026-03", note: "as benchmarked"), cpu: "Cortex-A76", cores: 4,
            memory: 8 * 1_073_741_824, memoryType: "LPDDR4X-4267", memoryBandwidth: 17.1e9,
            accelerator: Device.Accelerator(name: "Hailo-10H", peakOps: 40e12, precision: "INT4"),
            ratedPower: Device.PowerRange(min: 2.7, max: 12), powerModes: [Device.PowerMode(name: "MAXN", watts: nil)],
            battery: 180_000, sources: ["price": "https://example.com/price", "battery": "plan"],
            missing: ["rated_power": "no source"])
        let result = try validate(try BundleCodec.encode(bundle))
        #expect(result.valid, "\(result.output)")
    }

    @Test func deviceWithoutIdAndDutyCycleAboveOneAreRejected() throws {
        var bundle = SampleBundle.bundle
        bundle.analysis = AnalysisParameters(dutyCycle: 1.5)
        bundle.configurations[0].device = Device(id: "", name: "x")
        let result = try validate(try BundleCodec.encode(bundle))
        #expect(!result.valid)
        #expect(result.output.contains("analysis: "), "\(result.output)")
        #expect(result.output.contains("configurations/0/device: "), "\(result.output)")
    }

    @Test func unknownSummaryMetricIsRejected() throws {
        // The types cannot hold an unknown metric: write one into the JSON, as another tool might.
        var root = try #require(
            try JSONSerialization.jsonObject(with: try BundleCodec.encode(SampleBundle.bundle)) as? [String: Any])
        var configurations = try #require(root["configurations"] as? [[String: Any]])
        var summary = try #require(configurations[0]["summary"] as? [String: Any])
        summary["tokens_per_second"] = summary["decode_rate"]
        configurations[0]["summary"] = summary
        root["configurations"] = configurations
        let result = try validate(try JSONSerialization.data(withJSONObject: root))
        #expect(!result.valid)
        #expect(result.output.contains("configurations/0/summary: 'tokens_per_second' is not one of"), "\(result.output)")
    }

    @Test func unknownRequestMetricIsRejected() throws {
        let text = String(decoding: try BundleCodec.encode(SampleBundle.bundle), as: UTF8.self)
        let data = Data(text.replacingOccurrences(of: "\"n_in\" : 12,", with: "\"tokens_in\" : 12,").utf8)
        let result = try validate(data)
        #expect(!result.valid)
        #expect(result.output.contains("configurations/0/requests/0/metrics: 'tokens_in' is not one of"), "\(result.output)")
    }

    @Test func unknownKeyAndFlagAreRejected() throws {
        var root = try #require(
            try JSONSerialization.jsonObject(with: try BundleCodec.encode(SampleBundle.bundle)) as? [String: Any])
        var configurations = try #require(root["configurations"] as? [[String: Any]])
        configurations[0]["colour"] = "blue"
        configurations[0]["flags"] = ["flaky"]
        root["configurations"] = configurations
        let result = try validate(try JSONSerialization.data(withJSONObject: root))
        #expect(!result.valid)
        #expect(result.output.contains("configurations/0: Additional properties are not allowed ('colour' was unexpected)"))
        #expect(result.output.contains("configurations/0/flags/0: 'flaky' is not one of"), "\(result.output)")
    }

    /// The schema's closed vocabularies are Core's enums, word for word.
    @Test func schemaVocabulariesMatchCore() throws {
        let data = try Data(contentsOf: BundleSchemaValidator.schemaURL)
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        func words(_ name: String) throws -> [String] {
            let def = try #require(defs[name] as? [String: Any], "no $defs/\(name)")
            return try #require(def["enum"] as? [String], "$defs/\(name) has no enum")
        }
        #expect(try words("flag") == Flag.allCases.map(\.rawValue))
        #expect(try words("unit") == MetricUnit.allCases.map(\.rawValue))
        #expect(Set(MetricID.measured.map(\.rawValue)).isSubset(of: Set(try words("metricID"))))
        #expect(Set(try words("requestMetricID")).isSubset(of: Set(MetricID.allCases.map(\.rawValue))))
        // 11 latency and count metrics, 10 energy metrics, send_lag, 2 cold-start metrics of one request
        #expect(try words("requestMetricID").count == 24)
    }
}
