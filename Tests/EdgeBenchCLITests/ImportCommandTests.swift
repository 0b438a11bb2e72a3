import EdgeBenchTesting
import Foundation
import Testing

/// `edgebench import llama-bench|paper-csv|bundle`: stored runs, their bundles, their exit codes.
@Suite(.serialized) struct ImportCommandTests {
    @Test func llamaBenchCaptureBecomesAValidBundle() async throws {
        let directory = Scratch.directory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["import", "llama-bench", try CLIFixtures.path(CLIFixtures.llamaBenchJSON), "--json"], in: directory)
        #expect(result.status == 0, "\(result)")
        let validation = try BundleSchemaValidator.validate(result.stdoutData)
        #expect(validation.valid, "\(validation.output)")
        let bundle = try result.jsonObject()
        let configuration = try #require((bundle["configurations"] as? [[String: Any]])?.first)
        #expect(configuration["id"] as? String == "llama-bench-b11434-cpu-t2/smollm2-135m-instruct-q4_1/pp64+tg32")
        let decode = try #require((configuration["summary"] as? [String: Any])?["server_decode_rate"] as? [String: Any])
        #expect(abs((decode["mean"] as? Double ?? 0) - 106.563) < 1e-9)
        #expect(decode["n"] as? Int == 3)
        #expect((bundle["run"] as? [String: Any])?["plan_name"] as? String == "llama-bench import")
        #expect(result.stderr.contains("results: "))
        #expect(FileManager.default.fileExists(atPath: directory.path + "/edgebench-results/edgebench.sqlite"))
    }

    @Test func llamaBenchOfAMissingFileExits2() async throws {
        let directory = Scratch.directory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(["import", "llama-bench", "/nonexistent/bench.json"], in: directory)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("/nonexistent/bench.json"), "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func paperCSVRowsBecomeConfigurations() async throws {
        let directory = Scratch.directory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write(StoredRuns.paperCSV, named: "benchmark_results.csv", in: directory)
        let result = try await CLI.run(
            ["import", "paper-csv", "benchmark_results.csv", "--catalog-device", "AX630=m5stack-module-llm",
             "--power-watts", "AX630=1.5", "--json"], in: directory)
        #expect(result.status == 0, "\(result)")
        let validation = try BundleSchemaValidator.validate(result.stdoutData)
        #expect(validation.valid, "\(validation.output)")
        let configurations = try #require(try result.jsonObject()["configurations"] as? [[String: Any]])
        #expect(configurations.map { $0["id"] as? String } == ["AX630/qwen2.5:1.5b", "CPU-Ollama/qwen2.5:1.5b"])
        let ax = try #require(configurations.first?["summary"] as? [String: Any])
        #expect((ax["e2e_throughput"] as? [String: Any])?["mean"] as? Double == 3.44)
        #expect((ax["mean_power"] as? [String: Any])?["mean"] as? Double == 1.5)
    }

    @Test func paperCSVWithTheWrongHeaderExits2() async throws {
        let directory = Scratch.directory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write("a,b\n1,2\n", named: "r.csv", in: directory)
        let result = try await CLI.run(["import", "paper-csv", "r.csv"], in: directory)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("not a paper benchmark_results.csv"), "\(result)")
        #expect(result.stdout.isEmpty)
    }

    /// The harness's own files (its labels, its casing, each runtime's model name) import without options,
    /// pair for accelerator_gain, and `analyze` says how the harness made its tok/s.
    @Test func harnessFilesImportWithoutOptionsAndAnalyzeSaysWhyEstimated() async throws {
        let directory = Scratch.directory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write(
            """
            model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response
            qwen2.5:1.5b,CPU-Ollama,2,100,15.6250,6.40,0.8125,The sky is blue.
            qwen2.5-instruct:1.5b,GPU-Hailo-Ollama,2,100,10.0000,10.00,0.5000,The sky appears blue.

            """, named: "benchmark_results.csv", in: directory)
        _ = try Scratch.write(
            """
            model,device,num_tokens,run_elapsed,elapsed_delta,run_ttft,ttft_delta,response
            qwen2.5:1.5b,CPU-Ollama,100,15.5000,-0.1250,0.8000,-0.0125,The sky is blue.
            qwen2.5:1.5b,CPU-Ollama,100,15.7500,0.1250,0.8250,0.0125,The sky is blue.
            qwen2.5-instruct:1.5b,GPU-hailo-Ollama,100,9.5000,-0.5000,0.4500,-0.0500,The sky is blue.
            qwen2.5-instruct:1.5b,GPU-hailo-Ollama,100,10.5000,0.5000,0.5500,0.0500,The sky appears blue.

            """, named: "benchmark_results_details.csv", in: directory)
        let imported = try await CLI.run(
            ["import", "paper-csv", "benchmark_results.csv", "--details", "benchmark_results_details.csv"], in: directory)
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stderr.contains("qwen2.5-instruct:1.5b read as model qwen2.5:1.5b"), "\(imported)")
        let analysis = try await CLI.run(["analyze"], in: directory)
        #expect(analysis.status == 0, "\(analysis)")
        #expect(analysis.stdout.contains(
            "  rpi5-8gb, qwen2.5:1.5b (paper): CPU-Ollama/qwen2.5:1.5b → GPU-Hailo-Ollama/qwen2.5:1.5b: n/a — "
                + "no energy measured for CPU configuration CPU-Ollama/qwen2.5:1.5b"), "\(analysis)")
        #expect(analysis.stdout.contains(
            "GPU-Hailo-Ollama/qwen2.5:1.5b: the harness's tok/s divides the requested maximum of 100 tokens (num_predict) "
                + "by the elapsed time, not the tokens the model returned: it printed 10.00 tok/s (100 tokens / 10.0000 s), "
                + "and e2e_throughput (10.03 tok/s)"), "\(analysis)")
    }

    /// The two files the paper's harness itself wrote (unmodified, against the test servers: Tests/Fixtures/
    /// SOURCES.md) import with no option: its `GPU-hailo-Ollama` details of a GPU-Ollama model go to GPU-Ollama,
    /// hailo-ollama's model name is read as Ollama's, the Jetson's CPU and GPU rows pair for accelerator_gain.
    @Test func thePaperHarnessOwnFilesImportWithoutOptionsAndPair() async throws {
        let directory = Scratch.directory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["benchmark_results.csv", "benchmark_results_details.csv"] {
            try FileManager.default.copyItem(
                at: try Fixtures.url("paper-harness/\(name)"), to: directory.appendingPathComponent(name))
        }
        let imported = try await CLI.run(
            ["import", "paper-csv", "benchmark_results.csv", "--details", "benchmark_results_details.csv", "--json"],
            in: directory)
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stderr.contains("qwen2.5-instruct:1.5b read as model qwen2.5:1.5b"), "\(imported)")
        // the file holds GPU-Ollama and GPU-Hailo-Ollama rows: the CPU row's board is that of its own model's GPU row
        #expect(imported.stderr.contains(
            "'CPU-Ollama' row of qwen2.5:0.5b is taken to have run on jetson-orin-nano-super, the board of its GPU-Ollama row"),
            "\(imported)")
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        let configurations = try #require(bundle["configurations"] as? [[String: Any]])
        #expect(configurations.compactMap { $0["id"] as? String } == [
            "CPU-Ollama/qwen2.5:0.5b", "GPU-Ollama/qwen2.5:0.5b", "GPU-Hailo-Ollama/qwen2.5:1.5b",
        ])
        // every details row found its configuration: 3 requests each, the GPU ones from "GPU-hailo-Ollama" rows
        #expect(configurations.map { ($0["requests"] as? [Any])?.count } == [3, 3, 3])
        let analysis = try await CLI.run(["analyze"], in: directory)
        #expect(analysis.status == 0, "\(analysis)")
        #expect(analysis.stdout.contains(
            "jetson-orin-nano-super, qwen2.5:0.5b (paper): CPU-Ollama/qwen2.5:0.5b → GPU-Ollama/qwen2.5:0.5b"), "\(analysis)")
    }

    @Test func anUnknownLabelExits2NamingItAndTheLabelOption() async throws {
        let directory = Scratch.directory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write(
            "model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response\nq,Pi-CPU,5,100,1,100,0.1,x\n",
            named: "r.csv", in: directory)
        let refused = try await CLI.run(["import", "paper-csv", "r.csv"], in: directory)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("r.csv:2: unknown device label 'Pi-CPU'"), "\(refused)")
        #expect(refused.stderr.contains("--label LABEL=CONFIGURATION"), "\(refused)")
        let mapped = try await CLI.run(
            ["import", "paper-csv", "r.csv", "--label", "Pi-CPU=CPU-Ollama@rpi5-8gb", "--json"], in: directory)
        #expect(mapped.status == 0, "\(mapped)")
        let configuration = try #require((try mapped.jsonObject()["configurations"] as? [[String: Any]])?.first)
        #expect(configuration["id"] as? String == "CPU-Ollama@rpi5-8gb/q")
    }

    /// A bundle from another machine goes into another database; importing it twice is harmless.
    @Test func bundleIsStoredOnce() async throws {
        let directory = Scratch.directory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await StoredRuns.llamaBenchRun(in: directory)
        let first = try await CLI.run(["import", "bundle", run + "/bundle.json", "--db", "other.sqlite"], in: directory)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.isEmpty)
        #expect(first.stderr.contains("results database: other.sqlite"), "\(first)")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/other.sqlite"))
        let again = try await CLI.run(["import", "bundle", run + "/bundle.json", "--db", "other.sqlite"], in: directory)
        #expect(again.status == 0, "\(again)")
        #expect(again.stderr.contains("already stored, skipped"), "\(again)")
    }

    @Test func bundleThatIsNotABundleExits2() async throws {
        let directory = Scratch.directory("import")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write("{\"hello\": 1}", named: "bundle.json", in: directory)
        let result = try await CLI.run(["import", "bundle", "bundle.json"], in: directory)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("bundle.json"), "\(result)")
    }
}
