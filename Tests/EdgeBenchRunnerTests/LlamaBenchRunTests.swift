import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchRunner
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

/// A plan engine of kind `llama-bench`: the real llama-bench b11434 on SmolLM2-135M, stored as
/// server_prefill_rate / server_decode_rate with one request per repetition.
@Suite(.serialized)
struct LlamaBenchRunTests {
    static let workload = Workload(
        name: "story",
        request: GenerationRequest(prompt: "Once upon a time", api: .completion, maxTokens: 8, temperature: 0, seed: 42))

    /// The managed HTTP configuration and its llama-bench sibling, as the plan lays them out.
    static func managedAndSibling() -> [Configuration] {
        [
            Configuration(
                id: "managed/smollm2/story", engine: EngineSpec(name: "managed", kind: .managed, threads: 2, contextSize: 512),
                model: ModelSpec(name: "smollm2", file: "smollm2-135m"), workload: workload, repetitions: 1, warmup: 0),
            Configuration(
                id: "managed.llama-bench/smollm2/story",
                engine: EngineSpec(name: "managed.llama-bench", kind: .llamaBench, threads: 2),
                model: ModelSpec(name: "smollm2", file: "smollm2-135m"), workload: workload, repetitions: 2, warmup: 0,
                llamaBenchOf: "managed/smollm2/story"),
        ]
    }

    @Test func theSiblingMeasuresThePromptLengthTheHTTPConfigurationSent() async throws {
        _ = try EmbeddedEngineFixture.ready()
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let notes = RecordingProgress()
        let runner = BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: notes)

        let outcome = try await runner.run(RunnerFixtures.plan(Self.managedAndSibling()))

        let stored = try outcome.storedBundle()
        let (http, bench) = (stored.configurations[0], stored.configurations[1])
        #expect(http.status == .completed, "\(http.error ?? "")")
        #expect(bench.status == .completed, "\(bench.error ?? "")")
        let nIn = try #require(http.requests.first?.metrics[.nIn])
        #expect(notes.notes.contains("  -p \(Int(nIn)): the median n_in of managed/smollm2/story"), "\(notes.notes)")

        let decode = try #require(bench.summary[.serverDecodeRate])
        let prefill = try #require(bench.summary[.serverPrefillRate])
        #expect(decode.n == 2 && prefill.n == 2)
        #expect(decode.mean > 0 && prefill.mean > 0)
        #expect(bench.requests.count == 4)
        #expect(bench.requests.compactMap { $0.metrics[.nIn] } == [nIn, nIn])
        #expect(bench.requests.compactMap { $0.metrics[.nOut] } == [8, 8])
        #expect(bench.flags == [.fewSamples])
        #expect(bench.engine.adapter == "llama-bench")
        #expect(bench.llamaBenchOf == "managed/smollm2/story" && http.llamaBenchOf == nil)
        #expect(bench.engine.version == "b11434")
        #expect(bench.engine.threads == 2)
        #expect(bench.engine.offload == "none (CPU)")
        #expect(bench.model.sha256 == http.model.sha256 && bench.model.sha256?.count == 64, "the same file")
        #expect(bench.model.name == "smollm2" && bench.model.quantisation == "Q4_1")

        let logs = outcome.directory.appendingPathComponent("logs")
        let log = try String(contentsOf: logs.appendingPathComponent("managed.llama-bench_smollm2_story.llama-bench.log"), encoding: .utf8)
        #expect(log.hasPrefix("$ "))
        #expect(log.contains("/llama-bench -m "))
        #expect(log.contains(" -p \(Int(nIn)) -n 8 -r 2 -t 2 -o jsonl\n"))
        let jsonl = try String(contentsOf: logs.appendingPathComponent("managed.llama-bench_smollm2_story.llama-bench.jsonl"), encoding: .utf8)
        #expect(jsonl.split(separator: "\n").count == 2)

        let data = try Data(contentsOf: outcome.directory.appendingPathComponent("bundle.json"))
        let schema = try BundleSchemaValidator.validate(data)
        #expect(schema.valid, "\(schema.output)")
        print("llama-bench b11434, SmolLM2-135M Q4_1, -p \(Int(nIn)) -n 8 -r 2 -t 2: "
              + "server_prefill_rate \(prefill.mean) ± \(prefill.stddev ?? 0) tok/s, "
              + "server_decode_rate \(decode.mean) ± \(decode.stddev ?? 0) tok/s; "
              + "HTTP server_decode_rate \(http.summary[.serverDecodeRate]?.mean ?? 0) tok/s")
    }

    @Test func failuresAreRecordedWithTheirReasonAndTheNextConfigurationRuns() async throws {
        _ = try EmbeddedEngineFixture.ready()
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let bogus = output.appendingPathComponent("not-a-model.gguf")
        try Data("<html>404 Not Found</html>".utf8).write(to: bogus)
        func bench(_ id: String, model: String, extraArgs: [String] = []) -> Configuration {
            Configuration(
                id: id, engine: EngineSpec(name: "bench", kind: .llamaBench, threads: 2, extraArgs: extraArgs),
                model: ModelSpec(name: "m", file: model), workload: Self.workload, repetitions: 2, warmup: 0)
        }
        let notes = RecordingProgress()
        let runner = BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: notes)

        let outcome = try await runner.run(RunnerFixtures.plan([
            bench("bench/bogus/story", model: bogus.path),
            bench("bench/badflag/story", model: "smollm2-135m", extraArgs: ["--no-such-flag"]),
            bench("bench/smollm2/story", model: "smollm2-135m"),
        ]))

        let results = try outcome.storedBundle().configurations
        #expect(results.map(\.status) == [.failed, .failed, .completed])
        #expect(results[0].error == "engine 'bench' (llama-bench): \(bogus.path) is not a GGUF model file (starts with bytes 3c 68 74 6d, not the magic 'GGUF'); "
            + "pass a .gguf file converted for llama.cpp")
        let badFlag = try #require(results[1].error)
        #expect(badFlag.hasPrefix("engine 'bench' (llama-bench): llama-bench exited with status 1; last lines of its log ("), "\(badFlag)")
        #expect(badFlag.contains("--no-such-flag"), "\(badFlag)")

        // Without an HTTP sibling, -p is llama-bench's default, and the run says so.
        #expect(notes.notes.contains("  -p 512: bench/smollm2/story is not the llama-bench sibling of an HTTP configuration"))
        let good = results[2]
        #expect(good.summary[.serverDecodeRate]?.n == 2)
        #expect((good.summary[.serverDecodeRate]?.mean ?? 0) > 0)
        #expect(good.requests.compactMap { $0.metrics[.nIn] } == [512, 512])
        #expect(outcome.failedConfigurations == 2)
    }
}

/// Keeps every note the runner reports.
final class RecordingProgress: ProgressReporter, @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String] = []

    func report(_ event: ProgressEvent) {
        guard case .note(let text) = event else { return }
        lock.lock()
        kept.append(text)
        lock.unlock()
    }

    var notes: [String] {
        lock.lock()
        defer { lock.unlock() }
        return kept
    }
}
