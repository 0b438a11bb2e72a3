import AsyncHTTPClient
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchRunner
import Foundation
import Testing

/// Issue 15 against a real llama-server (b11434, SmolLM2-135M): `prompt_tokens: 64` is a prompt of exactly
/// 64 tokens for the model's own tokenizer, and the server evaluates exactly that (raw completion: no chat
/// template, only the BOS token where the vocabulary adds one, which `/tokenize` counts with add_special).
@Suite(.serialized)
struct PromptTokensLlamaServerTests {
    @Test func aPromptOf64TokensIsEvaluatedAsTheTokenizerCountsIt() async throws {
        let ready = try EmbeddedEngineFixture.ready()
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let client = HTTPTransport.makeClient()
        let server = ManagedLlamaServer(options: .init(
            serverPath: ready.serverPath, modelPath: ready.model.path, alias: "smollm2", threads: 2, contextSize: 2048,
            logFile: output.appendingPathComponent("server.log")))
        try await server.start(client: client)
        defer { server.stop() }
        var configuration = RunnerFixtures.configuration(id: "native", kind: .llamacpp, url: server.baseURL, repetitions: 2)
        configuration.model = ModelSpec(name: "smollm2", served: "smollm2")
        configuration.workload = Workload(
            name: "long-p64", request: GenerationRequest(prompt: PromptFiller.defaultSource, api: .completion, maxTokens: 2),
            promptTokens: 64, promptInstruction: PromptFiller.defaultInstruction)
        let runner = BenchmarkRunner(options: RunOptions(outputRoot: output.appendingPathComponent("runs")), reporter: SilentProgress())
        let outcome = try await runner.run(RunnerFixtures.plan([configuration]))
        let result = try #require(try outcome.storedBundle().configurations.first)

        let engine = LlamaCppEngine(baseURL: server.baseURL, client: client)
        let prompt = result.workload.request.prompt
        let textTokens = try await engine.tokenize(prompt)
        let evaluated = try await engine.tokenize(prompt, addSpecial: true)
        try await client.shutdown()

        #expect(result.status == .completed, "\(result.error ?? "")")
        #expect(prompt.hasSuffix("\n\nSummarise the text above in one sentence."))
        #expect(textTokens == 64)
        #expect(evaluated == 64)
        #expect(result.workload.builtPrompt == BuiltPrompt(method: .tokenizer, achieved: evaluated, textTokens: 64, probes: 1))
        #expect(result.requests.map { $0.metrics[.nIn] } == [Double(evaluated), Double(evaluated)])
    }
}
