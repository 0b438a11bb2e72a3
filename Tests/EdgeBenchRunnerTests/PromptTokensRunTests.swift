import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchRunner
import EdgeBenchTesting
import Foundation
import Testing

/// `prompt_tokens` through whole runs against the scripted server, which counts a prompt's words as its
/// tokens (in `/tokenize` and in its replies' prompt counts alike).
@Suite(.serialized)
struct PromptTokensRunTests {
    static func words(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }

    static func fields(_ body: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }

    func run(
        _ url: String, kind: EngineSpec.Kind, target: Int, maxTokens: Int = 5, reporter: any ProgressReporter = SilentProgress()
    ) async throws -> ConfigurationResult {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        var configuration = RunnerFixtures.configuration(id: "c", kind: kind, url: url, repetitions: 3, warmup: 1)
        configuration.workload = Workload(
            name: "long-p\(target)",
            request: GenerationRequest(prompt: PromptFiller.defaultSource, api: .completion, maxTokens: maxTokens),
            promptTokens: target, promptInstruction: PromptFiller.defaultInstruction)
        let outcome = try await BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: reporter)
            .run(RunnerFixtures.plan([configuration]))
        return try #require(try outcome.storedBundle().configurations.first)
    }

    /// llama.cpp's `/tokenize`: the text is cut to exactly the target, one probe reads the server's count, and
    /// every request sends the built prompt. The stored configuration shows the target and what was achieved.
    @Test func theTokenizerBuildsThePromptAndTheConfigurationRecordsIt() async throws {
        let server = try await ScriptedLLMServer.start(script: Script(tokens: ["a", "b", "c", "d", "e"], promptCache: .llamaCpp))
        let notes = NoteCollector()
        let result = try await run(server.baseURL, kind: .llamacpp, target: 64, reporter: notes)
        let requests = await server.requests()
        await server.stop()
        #expect(result.status == .completed, "\(result.error ?? "")")
        #expect(result.workload.promptTokens == 64)
        #expect(result.workload.builtPrompt == BuiltPrompt(method: .tokenizer, achieved: 64, textTokens: 64, probes: 1))
        #expect(Self.words(result.workload.request.prompt) == 64)
        #expect(result.workload.request.prompt.hasSuffix("\n\nSummarise the text above in one sentence."))
        #expect(result.requests.map { $0.metrics[.nIn] } == [64, 64, 64])
        // the probe (max_tokens 1), the warm-up and the 3 measured requests, all with the built prompt
        let completions = requests.filter { $0.path == "/completion" }.map { Self.fields($0.body) }
        #expect(completions.map { $0["n_predict"] as? Int } == [1, 5, 5, 5, 5])
        #expect(completions.allSatisfy { $0["prompt"] as? String == result.workload.request.prompt })
        // the instruction alone, the first cut (256 characters), then the bisection
        #expect(requests.filter { $0.path == "/tokenize" }.count == 8)
        #expect(notes.notes == ["  c: prompt of 64 tokens built: 64 tokens by the tokenizer, 64 as the server counts it (n_in)"])
    }

    /// No tokenizer endpoint (the OpenAI path): probes of one token each until the server's own count is the target.
    @Test func calibrationOnTheServersCountRecordsWhatWasAchieved() async throws {
        let server = try await ScriptedLLMServer.start(script: Script(tokens: ["a", "b", "c", "d", "e"], promptCache: .llamaCpp))
        let result = try await run(server.baseURL + "/v1", kind: .openai, target: 200)
        let completions = await server.requests().filter { $0.path == "/v1/completions" }.map { Self.fields($0.body) }
        await server.stop()
        #expect(result.status == .completed, "\(result.error ?? "")")
        #expect(result.workload.builtPrompt == BuiltPrompt(method: .calibrated, achieved: 200, probes: 5))
        #expect(Self.words(result.workload.request.prompt) == 200)
        #expect(result.requests.map { $0.metrics[.nIn] } == [200, 200, 200])
        // 5 probes of one token, then the warm-up and the 3 measured requests with the closest
        #expect(completions.map { $0["max_tokens"] as? Int } == [1, 1, 1, 1, 1, 5, 5, 5, 5])
        #expect(completions.suffix(4).allSatisfy { $0["prompt"] as? String == result.workload.request.prompt })
    }

    /// llama-server's `/props` says n_ctx 2048: 2040 + 16 cannot fit, and nothing is sent.
    @Test func aPromptOverTheServersContextFailsTheConfigurationBeforeMeasuring() async throws {
        let server = try await ScriptedLLMServer.start(script: Script(tokens: ["a"], promptCache: .llamaCpp))
        let result = try await run(server.baseURL, kind: .llamacpp, target: 2040, maxTokens: 16)
        let sent = await server.requests().filter { $0.path == "/completion" || $0.path == "/tokenize" }
        await server.stop()
        #expect(result.status == .failed)
        #expect(result.requests.isEmpty)
        #expect(sent.isEmpty)
        #expect(result.error?.hasPrefix(
            "engine 'c' (llamacpp): workload 'long-p2040' needs prompt_tokens 2040 + max_tokens 16 = 2056 tokens of context, "
                + "but the server reports a context of 2048 tokens; start it with a context of 2056 or more (llama-server -c, "
                + "Ollama num_ctx), lower prompt_tokens or max_tokens, or exclude the pair: "
                + "exclude: [{engine: c, prompt_tokens: 2040}]\n") == true, "\(result.error ?? "")")
    }

    /// A server that reports no prompt count and has no tokenizer: nothing to calibrate against, said so.
    @Test func noPromptCountAndNoTokenizerIsAClearFailure() async throws {
        let server = try await ScriptedLLMServer.start(script: Script(tokens: ["a"], sendsUsage: false, promptCache: .llamaCpp))
        let result = try await run(server.baseURL + "/v1", kind: .openai, target: 100)
        await server.stop()
        #expect(result.status == .failed)
        #expect(result.error?.hasPrefix(
            "engine 'c' (openai): cannot build the prompt of workload 'long-p100' to its prompt_tokens: engine 'c' has no "
                + "tokenizer endpoint and its replies report no prompt token count to calibrate against; remove prompt_tokens "
                + "for this engine (exclude the pair) and give the prompt as text\n") == true, "\(result.error ?? "")")
    }
}
