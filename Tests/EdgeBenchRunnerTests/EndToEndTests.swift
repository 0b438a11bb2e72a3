import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchRunner
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

/// The whole path against the real engine: managed llama-server b11434 with SmolLM2-135M.
@Suite(.serialized)
struct EndToEndTests {
    static func configuration(maxTokens: Int = 48, repetitions: Int = 3, model: String = "smollm2-135m") -> Configuration {
        Configuration(
            id: "managed/smollm2/completion-\(maxTokens)",
            engine: EngineSpec(name: "managed", kind: .managed, threads: 2, contextSize: 1024),
            model: ModelSpec(name: "smollm2", file: model),
            workload: Workload(
                name: "story",
                request: GenerationRequest(prompt: "Once upon a time", api: .completion, maxTokens: maxTokens, temperature: 0, seed: 42)),
            repetitions: repetitions, warmup: 1)
    }

    @Test func managedLlamaServerMeasuresWhatTheServerReports() async throws {
        _ = try EmbeddedEngineFixture.ready()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("eb-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let runner = BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: SilentProgress())
        let plan = RunPlan(name: "e2e", text: "e2e", hash: FileDigest.sha256(of: "e2e"), configurations: [Self.configuration()])

        let outcome = try await runner.run(plan)

        let stored = try outcome.storedBundle()
        let result = try #require(stored.configurations.first)
        #expect(result.status == .completed, "error: \(result.error ?? "none")")
        #expect(result.requests.count == 3)
        #expect(result.engine.name == "llama.cpp")
        #expect(result.engine.build?.contains("11434") == true)
        #expect(result.model.sha256?.count == 64)
        #expect(result.model.quantisation == "Q4_1")
        #expect(result.summary[.loadTime]?.mean ?? 0 > 0)
        for request in result.requests {
            let nOut = try #require(request.metrics[.nOut])
            let decode = try #require(request.metrics[.decodeRate])
            let server = try #require(request.metrics[.serverDecodeRate])
            // n_out is the server's own count (timings.predicted_n), here the requested length
            // unless the model stopped early (then flagged).
            #expect(nOut <= 48)
            #expect(nOut == 48 || request.flags.contains(.stoppedEarly))
            // The client's rate is its own: (N_out − 1) over its first-to-last token span. How close it comes
            // to the server's own figure depends on how late a busy machine delivers the first and last token,
            // so that agreement is a figure for bench/ (bench/README.md), not a test; what a wrong unit or
            // count would break (the runner's 100× plausibility check) holds under any load.
            let decodeTime = try #require(request.metrics[.decodeTime])
            #expect(abs(decode - (nOut - 1) / decodeTime) < 1e-9 * decode)
            #expect(server > 0)
            #expect(!request.flags.contains(.serverTimingImplausible), "decode_rate \(decode) vs server \(server)")
            #expect(request.itl.count == Int(nOut) - 1)
            #expect(request.metrics[.ttft]! > 0 && request.metrics[.ttft]! < request.metrics[.e2eLatency]!)
        }

        // The bundle on disk validates against the schema, and matches what the store holds.
        let bundleURL = outcome.directory.appendingPathComponent("bundle.json")
        let data = try Data(contentsOf: bundleURL)
        let schema = try BundleSchemaValidator.validate(data)
        #expect(schema.valid, "\(schema.output)")
        #expect(try BundleCodec.decode(data) == stored)
        for name in ["results.md", "requests.csv", "configurations.csv", "benchmark_results.csv", "benchmark_results_details.csv"] {
            #expect(FileManager.default.fileExists(atPath: outcome.directory.appendingPathComponent(name).path), "\(name)")
        }
        let log = try String(contentsOf: outcome.directory.appendingPathComponent("logs/managed_smollm2_completion-48.server.log"), encoding: .utf8)
        #expect(log.contains("llama_server: model loaded"))
        #expect(log.contains("listening on \(result.engine.url ?? "?")"))
        #expect(result.engine.offload == "none (CPU)")
    }

    @Test func aFileThatIsNotGGUFFailsItsConfigurationAndTheNextOneStillRuns() async throws {
        _ = try EmbeddedEngineFixture.ready()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("eb-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let bogus = output.appendingPathComponent("not-a-model.gguf")
        try Data("<html>404 Not Found</html>".utf8).write(to: bogus)
        var broken = Self.configuration(maxTokens: 8, repetitions: 1, model: bogus.path)
        broken.id = "managed/bogus/completion-8"
        let good = Self.configuration(maxTokens: 8, repetitions: 1)
        let runner = BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: SilentProgress())
        let plan = RunPlan(name: "e2e", text: "e2e", hash: "x", configurations: [broken, good])

        let outcome = try await runner.run(plan)

        #expect(outcome.bundle.configurations.map(\.status) == [.failed, .completed])
        let error = try #require(outcome.bundle.configurations[0].error)
        #expect(error.contains("not-a-model.gguf is not a GGUF model file"))
        #expect(error.contains("magic 'GGUF'"))
        #expect(try outcome.storedBundle().configurations[1].requests.count == 1)
        #expect(outcome.requestCounts == [0, 1])
    }
}
