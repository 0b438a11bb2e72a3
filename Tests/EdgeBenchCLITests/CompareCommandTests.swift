import Foundation
import Testing

/// `edgebench compare`, the CI gate: 0 unchanged, 2 regressed, 4 improved only, 1 impossible; built
/// from a real imported bundle and a copy whose decode rate moved well beyond llama-bench's spread.
@Suite(.serialized) struct CompareCommandTests {
    static let metricKeys: Set<String> = [
        "metric", "unit", "direction", "base", "new", "n_base", "n_new", "change", "relative_change", "t", "df", "p",
        "beyond_noise", "no_test", "threshold", "beyond_threshold", "verdict",
    ]
    static let documentKeys: Set<String> = [
        "base", "new", "test", "default_threshold", "configurations", "added", "removed", "notes", "verdict", "exit_code",
    ]

    /// The imported run's bundle with server_decode_rate's mean scaled by `factor`, as another run.
    static func scaledCopy(of run: String, factor: Double, named name: String, in directory: URL) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: run + "/bundle.json"))
        var bundle = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var runInfo = try #require(bundle["run"] as? [String: Any])
        runInfo["id"] = name
        bundle["run"] = runInfo
        var configurations = try #require(bundle["configurations"] as? [[String: Any]])
        var summary = try #require(configurations[0]["summary"] as? [String: Any])
        var decode = try #require(summary["server_decode_rate"] as? [String: Any])
        decode["mean"] = try #require(decode["mean"] as? Double) * factor
        summary["server_decode_rate"] = decode
        configurations[0]["summary"] = summary
        bundle["configurations"] = configurations
        let url = directory.appendingPathComponent("\(name).json")
        try JSONSerialization.data(withJSONObject: bundle, options: [.sortedKeys]).write(to: url)
        return url.path
    }

    @Test func sameRunTwiceExits0() async throws {
        let directory = Scratch.directory("compare")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await StoredRuns.llamaBenchRun(in: directory)
        let result = try await CLI.run(["compare", run, run + "/bundle.json"], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("llama-bench-b11434-cpu-t2/smollm2-135m-instruct-q4_1/pp64+tg32"), "\(result)")
        #expect(result.stdout.contains("server_decode_rate"), "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test func slowerDecodeExits2() async throws {
        let directory = Scratch.directory("compare")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await StoredRuns.llamaBenchRun(in: directory)
        let slower = try Self.scaledCopy(of: run, factor: 0.8, named: "slower", in: directory)
        let result = try await CLI.run(["compare", run, slower, "--json"], in: directory)
        #expect(result.status == 2, "\(result)")
        let document = try result.jsonObject()
        #expect(document["exit_code"] as? Int == 2)
        #expect(document["new"] as? String == "slower")
        let metrics = try #require((document["configurations"] as? [[String: Any]])?.first?["metrics"] as? [[String: Any]])
        let decode = try #require(metrics.first { $0["metric"] as? String == "server_decode_rate" })
        #expect(decode["verdict"] as? String == "regressed", "\(decode)")
        #expect(abs((decode["relative_change"] as? Double ?? 0) - -0.2) < 1e-9, "\(decode)")
        #expect(decode["beyond_noise"] as? Bool == true)
    }

    @Test func fasterDecodeOnlyExits4() async throws {
        let directory = Scratch.directory("compare")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await StoredRuns.llamaBenchRun(in: directory)
        let faster = try Self.scaledCopy(of: run, factor: 1.2, named: "faster", in: directory)
        let result = try await CLI.run(["compare", run, faster], in: directory)
        #expect(result.status == 4, "\(result)")
        let decode = result.stdout.split(separator: "\n").first { $0.hasPrefix("  server_decode_rate") }
        #expect(decode?.hasSuffix("  +20.0 %  <0.001       ±5 %  improved") == true, "\(result)")
        #expect(result.stdout.hasSuffix("none regressed — exit 4\n"), "\(result)")
    }

    /// Runs of different plans share no configuration: exit 5 with both sides' configurations, not a
    /// vacuous "unchanged".
    @Test func runsWithNothingInCommonExit5() async throws {
        let directory = Scratch.directory("compare")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bench = try await StoredRuns.llamaBenchRun(in: directory)
        let paper = try await StoredRuns.paperRun(in: directory)
        let result = try await CLI.run(["compare", bench, paper], in: directory)
        #expect(result.status == 5, "\(result)")
        #expect(result.stdout.contains(
            "nothing to compare: the runs share no configuration (configurations are paired by id): base "), "\(result)")
        #expect(result.stdout.contains(
            "has llama-bench-b11434-cpu-t2/smollm2-135m-instruct-q4_1/pp64+tg32; new "), "\(result)")
        #expect(result.stdout.contains("has AX630/qwen2.5:1.5b, CPU-Ollama/qwen2.5:1.5b. Compare runs of the same plan — exit 5"),
                "\(result)")
        let json = try await CLI.run(["compare", bench, paper, "--json"], in: directory)
        #expect(json.status == 5, "\(json)")
        #expect(try json.jsonObject()["exit_code"] as? Int == 5)
        let help = try await CLI.run(["help", "compare"], in: directory)
        #expect(help.stdout.contains("5    nothing to compare"), "\(help)")
    }

    /// CompareJSON's promise: every key of the document and of every metric row, null where undefined.
    @Test func jsonWritesEveryKey() async throws {
        let directory = Scratch.directory("compare")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await StoredRuns.llamaBenchRun(in: directory)
        let result = try await CLI.run(["compare", run, run, "--json", "--threshold", "default=3%"], in: directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty)
        let document = try result.jsonObject()
        #expect(Set(document.keys) == Self.documentKeys)
        #expect(document["exit_code"] as? Int == 0)
        let threshold = try #require(document["default_threshold"] as? [String: Any])
        #expect(threshold["kind"] as? String == "relative")
        #expect(threshold["value"] as? Double == 0.03)
        let configurations = try #require(document["configurations"] as? [[String: Any]])
        #expect(Set(configurations[0].keys) == ["id", "base_status", "new_status", "metrics"])
        let metrics = try #require(configurations[0]["metrics"] as? [[String: Any]])
        #expect(!metrics.isEmpty)
        for row in metrics {
            #expect(Set(row.keys) == Self.metricKeys, "\(row)")
        }
        // An unchanged metric of a run against itself has no change to test: the keys stay, null.
        let decode = try #require(metrics.first { $0["metric"] as? String == "server_decode_rate" })
        #expect(decode["change"] as? Double == 0)
        #expect(decode["verdict"] as? String == "unchanged")
    }

    @Test(arguments: [
        (["compare", "missing-base", "missing-new"], "missing-base does not exist"),
        (["compare", "RUN", "RUN", "--threshold", "decode_rate=lots"], "decode_rate=lots"),
        (["compare", "RUN", "RUN", "--metrics", "speed"], "--metrics: 'speed' is not a METRICS.md id"),
    ])
    func impossibleComparisonExits1(arguments: [String], message: String) async throws {
        let directory = Scratch.directory("compare")
        defer { try? FileManager.default.removeItem(at: directory) }
        var arguments = arguments
        if arguments.contains("RUN") {
            let run = try await StoredRuns.llamaBenchRun(in: directory)
            arguments = arguments.map { $0 == "RUN" ? run : $0 }
        }
        let result = try await CLI.run(arguments, in: directory)
        #expect(result.status == 1, "\(arguments): \(result)")
        #expect(result.stderr.contains(message), "\(arguments): \(result)")
        #expect(result.stdout.isEmpty)
    }
}
