import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@Suite struct BundleCodecTests {
    func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func roundTripIsExact() throws {
        let data = try BundleCodec.encode(SampleBundle.bundle)
        #expect(try BundleCodec.decode(data) == SampleBundle.bundle)
    }

    @Test func keysAreSnakeCaseAndShapeIsTheIssueShape() throws {
        let data = try BundleCodec.encode(SampleBundle.bundle)
        let root = try object(data)
        #expect(root.keys.sorted() == ["configurations", "environment", "run", "schema"])
        #expect(root["schema"] as? String == "edgebench/bundle@1")
        let run = try #require(root["run"] as? [String: Any])
        #expect(run.keys.sorted() == ["edgebench_version", "id", "plan_hash", "plan_name", "started_at"])
        let environment = try #require(root["environment"] as? [String: Any])
        #expect(environment["cpu_model"] as? String == "Cortex-A76")
        #expect(environment["memory_bytes"] as? Int == 8_589_934_592)
        let configurations = try #require(root["configurations"] as? [[String: Any]])
        let first = configurations[0]
        #expect(first.keys.sorted() == [
            "engine", "flags", "id", "model", "requests", "status", "summary", "telemetry", "workload",
        ])
        let engine = try #require(first["engine"] as? [String: Any])
        #expect(engine["context_size"] as? Int == 2048)
        let model = try #require(first["model"] as? [String: Any])
        #expect(model["size_bytes"] as? Int == 94_000_000)
        let workload = try #require(first["workload"] as? [String: Any])
        let request = try #require(workload["request"] as? [String: Any])
        #expect(request["max_tokens"] as? Int == 64)
        #expect(request["cache"] as? String == "cold")
        let requests = try #require(first["requests"] as? [[String: Any]])
        let metrics = try #require(requests[0]["metrics"] as? [String: Any])
        #expect(metrics["e2e_latency"] as? Double == 1.25)
        #expect(metrics["n_out"] as? Int == 64)
        let summary = try #require(first["summary"] as? [String: Any])
        let ttft = try #require(summary["ttft"] as? [String: Any])
        #expect(ttft["ci95"] as? [Double] == [0.17579, 0.42421])
        #expect(ttft["unit"] as? String == "s")
        #expect(configurations[1]["error"] as? String != nil)
        #expect(configurations[1]["status"] as? String == "failed")
        // pretty-printed with sorted keys: "configurations" comes first
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"configurations\" : ["))
    }

    @Test func nonFiniteNumbersAreNeverWritten() throws {
        var bundle = SampleBundle.bundle
        bundle.configurations[0].requests[0].metrics[.serverDecodeRate] = .nan
        bundle.configurations[0].requests[0].metrics[.serverPrefillRate] = .infinity
        bundle.configurations[0].requests[1].itl = [0.01, -.infinity]
        bundle.configurations[0].summary[.ttft]?.stddev = .nan
        bundle.configurations[0].summary[.ttft]?.ci95 = [.nan, .nan]
        bundle.configurations[0].summary[.serverDecodeRate] = SampleBundle.summary(
            .tokensPerSecond, mean: .nan, stddev: nil)
        bundle.configurations[0].telemetry["power"] = TelemetrySummary(
            source: "pmic", quantity: .power, unit: .watts, boundary: .boardDC, samples: 0, mean: .nan, min: .nan,
            max: .nan)
        let data = try BundleCodec.encode(bundle)
        let text = String(decoding: data, as: UTF8.self).lowercased()
        #expect(!text.contains("nan"))
        #expect(!text.contains("inf"))
        let decoded = try BundleCodec.decode(data)
        let configuration = decoded.configurations[0]
        #expect(configuration.requests[0].metrics[.serverDecodeRate] == nil)
        #expect(configuration.requests[0].metrics[.serverPrefillRate] == nil)
        #expect(configuration.requests[0].metrics[.ttft] == 0.25)
        #expect(configuration.requests[1].itl == [0.01])
        #expect(configuration.summary[.ttft]?.stddev == nil)
        #expect(configuration.summary[.ttft]?.ci95 == nil)
        #expect(configuration.summary[.ttft]?.mean == 0.3)
        #expect(configuration.summary[.serverDecodeRate] == nil)
        #expect(configuration.telemetry["power"] == nil)
        #expect(configuration.telemetry["engine_rss"] != nil)
    }

    /// The sample bundle as JSON text with `old` replaced, to feed the decoder broken input.
    func mutated(_ old: String, _ new: String) throws -> Data {
        let text = String(decoding: try BundleCodec.encode(SampleBundle.bundle), as: UTF8.self)
        #expect(text.contains(old), "sample JSON lacks \(old)")
        return Data(text.replacingOccurrences(of: old, with: new).utf8)
    }

    func decodeError(_ data: Data) -> String? {
        #expect(throws: BundleError.self) { try BundleCodec.decode(data) }?.message
    }

    @Test func unknownStatusNamesThePathAndTheAllowedWords() throws {
        let message = try decodeError(mutated("\"status\" : \"failed\"", "\"status\" : \"crashed\""))
        #expect(
            message?.hasPrefix(
                "bundle JSON at $.configurations[1].status: expected one of \"completed\", \"failed\", \"interrupted\""
            ) == true, "\(message ?? "no error")")
    }

    @Test func wrongTypeNamesThePathAndTheExpectedType() throws {
        let message = try decodeError(mutated("\"cpu_cores\" : 4", "\"cpu_cores\" : \"four\""))
        #expect(message == "bundle JSON at $.environment.cpu_cores: expected an integer")
    }

    @Test func missingKeyNamesTheObjectAndTheKey() throws {
        let message = try decodeError(mutated("\"started_at\" :", "\"begun_at\" :"))
        #expect(message == "bundle JSON at $.run: missing required key \"started_at\"")
    }

    @Test func unknownMetricIDIsRejectedWithTheKnownOnes() throws {
        let message = try decodeError(mutated("\"n_in\" : 12,", "\"tokens_in\" : 12,"))
        #expect(
            message?.hasPrefix(
                "bundle JSON at $.configurations[0].requests[0].metrics: expected one of \"ttft\", \"e2e_latency\"")
                == true, "\(message ?? "no error")")
        #expect(message?.contains("unknown metric id 'tokens_in'") == true)
    }

    @Test func otherSchemaIsRejected() throws {
        let message = try decodeError(mutated("edgebench/bundle@1", "edgebench/bundle@2"))
        #expect(
            message
                == "bundle JSON at $.schema: expected \"edgebench/bundle@1\", found \"edgebench/bundle@2\"; "
                + "this is not an EdgeBench bundle, or a newer EdgeBench wrote it (upgrade to read it)")
    }

    @Test func notJSONAtAll() {
        let message = decodeError(Data("model,device\n".utf8))
        #expect(message?.hasPrefix("bundle JSON at $: not valid JSON (") == true, "\(message ?? "no error")")
        #expect(message?.hasSuffix("); is this file a bundle.json?") == true)
    }
}
