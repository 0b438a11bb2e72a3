import EdgeBenchCore
@testable import EdgeBenchRunner
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

/// `edgebench import llama-bench`: the fixtures stored as configurations of a new run, with the values,
/// ids and statistics they hold, and a bundle that validates.
@Suite(.serialized)
struct LlamaBenchImportTests {
    static let smolB11434 = "llm-servers/llama.cpp-b11434-cpu-2vcpu-xeon-vm/llama-bench-smollm2-135m-instruct-q4_1.json"
    static let orinNano = "llama-bench/llama-bench-md-jp6.2-orin-nano-super-cuda-and-cpu-devnone.txt"
    static let damaged = "llama-bench/llama-bench-b10700-json-sycl-arc-b70-DAMAGED-linebreak.txt"

    func importing(_ files: [URL], into output: URL) throws -> LlamaBenchImporter.Outcome {
        try LlamaBenchImporter(outputRoot: output).run(files: files)
    }

    @Test func b11434JSONBecomesOneConfigurationWithARequestPerRepetition() throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }

        let outcome = try importing([Fixtures.url(Self.smolB11434)], into: output)

        #expect(outcome.bundle.configurations.count == 1)
        let result = try #require(outcome.bundle.configurations.first)
        #expect(result.id == "llama-bench-b11434-cpu-t2/smollm2-135m-instruct-q4_1/pp64+tg32")
        #expect(result.status == .completed)
        #expect(result.requests.count == 6)
        #expect(result.requests.map { $0.metrics[.serverPrefillRate] } == [293.758, 291.72, 254.656, nil, nil, nil])
        #expect(result.requests.map { $0.metrics[.serverDecodeRate] } == [nil, nil, nil, 107.954, 107.25, 104.485])
        #expect(result.requests.map { $0.metrics[.nIn] } == [64, 64, 64, nil, nil, nil])
        #expect(result.requests.map { $0.metrics[.nOut] } == [nil, nil, nil, 32, 32, 32])

        let prefill = try #require(result.summary[.serverPrefillRate])
        #expect(prefill.n == 3)
        #expect(abs(prefill.mean - 280.044_666_666_666_7) < 1e-9, "\(prefill.mean)")
        #expect(abs(prefill.mean - 280.044688) < 1e-4, "llama-bench's own avg_ts")
        #expect(abs(prefill.stddev! - 22.010551) < 1e-3, "llama-bench's own stddev_ts")
        #expect(prefill.median == 291.72)
        #expect(prefill.unit == .tokensPerSecond)
        let decode = try #require(result.summary[.serverDecodeRate])
        #expect(decode.n == 3)
        #expect(abs(decode.mean - 106.563) < 1e-9)
        #expect(abs(decode.stddev! - 1.833990) < 1e-3)
        #expect(result.summary[.nOut]?.mean == 32)
        #expect(result.flags == [.fewSamples], "3 repetitions each, though 6 requests")

        #expect(result.engine.adapter == "llama-bench")
        #expect(result.engine.name == "llama.cpp")
        #expect(result.engine.version == "b11434")
        #expect(result.engine.build == "b11434-unknown")
        #expect(result.engine.threads == 2)
        #expect(result.engine.offload == "none (CPU)")
        #expect(result.model == ModelInfo(
            name: "smollm2-135m-instruct-q4_1", file: "SmolLM2-135M-Instruct.Q4_1.gguf", sizeBytes: 96_576_768,
            quantisation: "Q4_1", parameters: 134_515_008))
        #expect(result.workload.name == "pp64+tg32")
        #expect(result.workload.request.maxTokens == 32)

        // The machine is the one llama-bench ran on, not this one.
        let environment = outcome.bundle.environment
        #expect(environment.cpuModel == "Intel(R) Xeon(R) Processor")
        #expect(environment.hostname == "unknown")
        #expect(environment.cpuCores == 0)
        #expect(environment.board == nil && environment.os == nil)
        #expect(outcome.bundle.run.startedAt == "2026-11-22T06:28:13Z", "when llama-bench measured")
        #expect(outcome.bundle.run.planName == "llama-bench import")

        // Stored: the database gives back the same bundle, with every request.
        let store = try ResultStore(path: outcome.databasePath)
        #expect(try store.bundle(runID: outcome.runID) == outcome.bundle)
        #expect(try store.measuredRequests(runID: outcome.runID, configurationID: result.id).count == 6)
        #expect(try store.configurationStatus(runID: outcome.runID, configurationID: result.id) == .completed)
        #expect(outcome.databasePath == output.appendingPathComponent("edgebench.sqlite").path)
    }

    @Test func markdownMeansAndSpreadsBecomeSummariesWithTheRepetitionsOfTheCommandLine() throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }

        let outcome = try importing([Fixtures.url(Self.orinNano)], into: output)

        #expect(outcome.bundle.configurations.map(\.id) == [
            "llama-bench-b1-cuda-ngl99/qwen2.5-3b-instruct-q4_k_m/pp512+tg128",
            "llama-bench-b1-cuda-t6-nglauto-devnone/qwen2.5-3b-instruct-q4_k_m/pp512+tg128",
        ])
        let cuda = outcome.bundle.configurations[0]
        #expect(cuda.requests.isEmpty, "markdown lists no repetition")
        let prefill = try #require(cuda.summary[.serverPrefillRate])
        #expect(prefill.n == 3, "-r 3")
        #expect(prefill.mean == 874.77 && prefill.stddev == 28.22)
        #expect(prefill.median == 874.77 && prefill.min == 874.77 && prefill.max == 874.77)
        let half = 4.302_652_729_911_275 * 28.22 / 3.0.squareRoot()
        #expect(abs(prefill.ci95![0] - (874.77 - half)) < 1e-6 && abs(prefill.ci95![1] - (874.77 + half)) < 1e-6)
        #expect(abs(prefill.cv! - 28.22 / 874.77) < 1e-12)
        let decode = try #require(cuda.summary[.serverDecodeRate])
        #expect(decode.n == 3 && decode.mean == 23.85 && decode.stddev == 0.01)
        #expect(cuda.summary[.nIn]?.mean == 512 && cuda.summary[.nOut]?.mean == 128)
        #expect(cuda.flags == [.fewSamples])
        #expect(cuda.engine.offload == "ngl 99 on Orin")
        #expect(cuda.engine.build == "b1-873e5d8")
        #expect(cuda.engine.threads == nil)
        #expect(cuda.model.quantisation == "Q4_K_M")
        #expect(cuda.model.sizeBytes == 1_921_997_865 && cuda.model.parameters == 3_090_000_000)
        #expect(cuda.model.file == "Qwen2.5-3B-Instruct-Q4_K_M.gguf")

        let cpu = outcome.bundle.configurations[1]
        #expect(cpu.summary[.serverPrefillRate]?.mean == 40.39)
        #expect(cpu.summary[.serverDecodeRate]?.mean == 12.75)
        #expect(cpu.summary[.serverDecodeRate]?.stddev == 0.09)
        #expect(cpu.engine.threads == 6)
        #expect(cpu.engine.offload == "ngl -1 (auto), -dev none (no device: CPU)")
        #expect(outcome.bundle.environment.cpuModel == nil, "the markdown does not name the CPU")
    }

    @Test func everyFixtureImportsIntoOneRunWithStableIds() throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let files = try [
            "llama-bench/llama-bench-b1275-json-rtx3090ti-readme.json",
            "llama-bench/llama-bench-b1275-csv-rtx3090ti-readme.csv",
            "llama-bench/llama-bench-md-agx-orin-b4675-fa1-INDENTED-notes.txt",
            Self.orinNano,
            "llama-bench/llama-bench-md-tx2-cuda-b8667.txt",
            "llm-servers/llama.cpp-0c1e570-cpu-2vcpu-xeon-vm/llama-bench-smollm2-135m-instruct-q4_1.json",
            "llm-servers/llama.cpp-0c1e570-cpu-2vcpu-xeon-vm/llama-bench-gemma-3-270m-q4_k_m.json",
            "llm-servers/llama.cpp-b11434-cpu-2vcpu-xeon-vm/llama-bench-gemma-3-270m-q4_k_m.json",
            Self.smolB11434,
        ].map(Fixtures.url)

        let outcome = try importing(files, into: output)

        let configurations = outcome.bundle.configurations
        #expect(configurations.map(\.id) == [
            "llama-bench-b1275-cuda-t16-ngl99/ggml-model-q4_0/pp512+tg128",
            // the same settings again (the README's CSV of another run): a second configuration
            "llama-bench-b1275-cuda-t16-ngl99-2/ggml-model-q4_0/pp512+tg128",
            "llama-bench-b4675-cuda-ngl99-fa1/deepseek-r1-distill-qwen-32b-q4_k_m/pp512+tg128",
            "llama-bench-b1-cuda-ngl99/qwen2.5-3b-instruct-q4_k_m/pp512+tg128",
            "llama-bench-b1-cuda-t6-nglauto-devnone/qwen2.5-3b-instruct-q4_k_m/pp512+tg128",
            "llama-bench-b8667-cuda-ngl99/gemma4-e2b-q4_k_m/pp512+tg128",
            "llama-bench-b0-cpu-t2/smollm2-135m-instruct-q4_1/pp64+tg32",
            "llama-bench-b0-cpu-t2/gemma-3-270m-q4_k_m/pp64+tg32",
            "llama-bench-b11434-cpu-t2/gemma-3-270m-q4_k_m/pp64+tg32",
            "llama-bench-b11434-cpu-t2/smollm2-135m-instruct-q4_1/pp64+tg32",
        ])
        #expect(configurations.allSatisfy { $0.status == .completed })
        #expect(configurations.map(\.requests.count) == [10, 0, 0, 0, 0, 0, 6, 6, 6, 6])

        let json1275 = configurations[0]
        #expect(json1275.summary[.serverDecodeRate]?.n == 5)
        #expect(abs(json1275.summary[.serverDecodeRate]!.mean - 130.9658) < 1e-9)
        #expect(json1275.flags == [], "5 repetitions: enough samples")
        #expect(json1275.engine.offload == "ngl 99 on NVIDIA GeForce RTX 3090 Ti")
        #expect(json1275.model.quantisation == "Q4_0")

        let csv1275 = configurations[1]
        let csvDecode = try #require(csv1275.summary[.serverDecodeRate])
        #expect(csvDecode.n == 1 && csvDecode.mean == 132.052051 && csvDecode.stddev == 0.371342,
                "CSV does not say the repetitions: n = 1, llama-bench's spread kept")
        #expect(csvDecode.ci95 == nil)
        #expect(csv1275.summary[.serverPrefillRate]?.mean == 2413.341687)

        let agx = configurations[2]
        #expect(agx.summary[.serverPrefillRate]?.mean == 128.64)
        #expect(agx.summary[.serverDecodeRate]?.n == 5, "no -r on its command line: llama-bench's default 5")
        #expect(agx.flags == [])

        let tx2 = configurations[5]
        #expect(tx2.summary[.serverDecodeRate]?.mean == 6.64)
        #expect(tx2.summary[.serverDecodeRate]?.n == 1)
        #expect(tx2.model.name == "gemma4-e2b-q4_k_m" && tx2.model.file == nil)
        #expect(tx2.engine.offload == "ngl 99 on NVIDIA Tegra X2")

        #expect(configurations[6].engine.build == "b0-unknown")
        #expect(abs(configurations[7].summary[.serverPrefillRate]!.mean - 406.197_333_333_333_3) < 1e-9)
        #expect(outcome.bundle.environment.cpuModel
            == "13th Gen Intel(R) Core(TM) i9-13900K | Intel(R) Xeon(R) Processor")
        #expect(outcome.bundle.run.startedAt == "2023-09-23T12:09:01Z")

        // The written bundle validates against the schema and is what the store holds.
        let data = try Data(contentsOf: outcome.directory.appendingPathComponent("bundle.json"))
        let schema = try BundleSchemaValidator.validate(data)
        #expect(schema.valid, "\(schema.output)")
        #expect(try BundleCodec.decode(data) == outcome.bundle)
        for name in ["results.md", "requests.csv", "configurations.csv", "benchmark_results.csv", "benchmark_results_details.csv"] {
            #expect(FileManager.default.fileExists(atPath: outcome.directory.appendingPathComponent(name).path), "\(name)")
        }
        let copies = try FileManager.default.contentsOfDirectory(
            atPath: outcome.directory.appendingPathComponent("imported").path)
        #expect(copies.count == 9)
        #expect(copies.contains("4-llama-bench-md-jp6.2-orin-nano-super-cuda-and-cpu-devnone.txt"))
    }

    @Test func combinedAndDepthTestsGetTheirOwnConfigurationsAndEmptyTestsAreSkipped() throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        func test(_ p: Int, _ n: Int, depth: Int = 0, ns: [Int], ts: [Double]) -> String {
            """
            {"build_commit": "abc1234", "build_number": 9000, "backends": "CUDA", "gpu_info": "Orin", "n_threads": 6,
             "n_gpu_layers": 99, "model_filename": "/m/Qwen3-0.6B-Q8_0.gguf", "model_type": "qwen3 0.6B Q8_0",
             "n_prompt": \(p), "n_gen": \(n), "n_depth": \(depth), "avg_ts": \(ts.reduce(0, +) / Double(ts.count)),
             "samples_ns": \(ns), "samples_ts": \(ts)}
            """
        }
        let text = "[\n" + [
            test(512, 0, ns: [100_000_000, 100_000_000], ts: [5120, 5120]),
            test(0, 128, ns: [2_000_000_000, 2_000_000_000], ts: [64, 64]),
            test(512, 128, ns: [2_000_000_000, 2_500_000_000], ts: [320, 256]),
            test(512, 0, depth: 4096, ns: [200_000_000, 200_000_000], ts: [2560, 2560]),
            test(0, 128, depth: 4096, ns: [4_000_000_000, 4_000_000_000], ts: [32, 32]),
            test(0, 0, ns: [1], ts: [1]),
        ].joined(separator: ",\n") + "\n]\n"
        let file = output.appendingPathComponent("bench.json")
        try Data(text.utf8).write(to: file)

        let outcome = try importing([file], into: output.appendingPathComponent("results"))

        let byWorkload = Dictionary(uniqueKeysWithValues: outcome.bundle.configurations.map { ($0.workload.name, $0) })
        #expect(outcome.bundle.configurations.map(\.id) == [
            "llama-bench-b9000-cuda-t6-ngl99/qwen3-0.6b-q8_0/pp512+tg128",
            "llama-bench-b9000-cuda-t6-ngl99/qwen3-0.6b-q8_0/pg512+128",
            "llama-bench-b9000-cuda-t6-ngl99/qwen3-0.6b-q8_0/pp512+tg128@d4096",
        ])
        // -pg: generated tokens over the time of prompt and generation (METRICS.md e2e_throughput)
        let combined = try #require(byWorkload["pg512+128"])
        #expect(combined.requests.map { $0.metrics[.e2eLatency] } == [2.0, 2.5])
        #expect(combined.requests.map { $0.metrics[.e2eThroughput] } == [64.0, 51.2])
        #expect(combined.requests.map { $0.metrics[.nIn] } == [512, 512])
        #expect(combined.summary[.serverDecodeRate] == nil && combined.summary[.serverPrefillRate] == nil)
        let deep = try #require(byWorkload["pp512+tg128@d4096"])
        #expect(deep.summary[.serverPrefillRate]?.mean == 2560)
        #expect(deep.summary[.serverDecodeRate]?.mean == 32)
        #expect(byWorkload["pp512+tg128"]?.summary[.serverDecodeRate]?.mean == 64)
        #expect(outcome.notes == ["\(file.path): skipped line 22: empty: neither prompt nor generated tokens, nothing was measured"])
        #expect(try BundleSchemaValidator.validate(BundleCodec.encode(outcome.bundle)).valid)
    }

    @Test func aDamagedFileStopsTheImportBeforeAnythingIsWritten() throws {
        let output = RunnerFixtures.temporaryDirectory().appendingPathComponent("results")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let damaged = try Fixtures.url(Self.damaged)
        let empty = output.deletingLastPathComponent().appendingPathComponent("empty.json")
        try Data().write(to: empty)

        #expect {
            try importing([Fixtures.url(Self.smolB11434), damaged, empty, URL(fileURLWithPath: "/nonexistent.json")], into: output)
        } throws: { error in
            let text = String(describing: error)
            return error is ImportError
                && text.contains("\(damaged.path):16:19: not valid JSON: expected `false`")
                && text.contains("→ re-run llama-bench with -o json, or fix the file by hand")
                && text.contains("\(empty.path): the file is empty")
                && text.contains("/nonexistent.json: cannot read the file")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path), "no run directory, no database")
    }

    @Test func noFileAtAllIsAnError() {
        #expect(throws: ImportError("no file given; pass one or more files that llama-bench wrote")) {
            try LlamaBenchImporter(outputRoot: URL(fileURLWithPath: "/tmp/unused")).run(files: [])
        }
    }
}
