import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchRunner
import EdgeBenchTesting
import Foundation
import Testing

/// Collects the notes a run prints.
final class NoteCollector: ProgressReporter, @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    var notes: [String] { lock.withLock { collected } }
    func report(_ event: ProgressEvent) {
        guard case .note(let text) = event else { return }
        lock.withLock { collected.append(text) }
    }
}

/// Issue 13.1 and 13.2 through whole runs against scripted servers: a cold workload measures a cold prefill
/// on every OpenAI-compatible server, and a server's impossible counts are not stored as measurements.
@Suite(.serialized)
struct ServerTruthRunTests {
    /// "one two … eight": the scripted servers count a prompt's words as its tokens.
    static let prompt = "one two three four five six seven eight"

    func run(
        _ server: String, kind: EngineSpec.Kind, cache: PromptCache = .cold, reporter: any ProgressReporter = SilentProgress(),
        model: String = "scripted-model"
    ) async throws -> (ConfigurationResult, RunOutcome) {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        var configuration = RunnerFixtures.configuration(id: "c", kind: kind, url: server, repetitions: 3, warmup: 1)
        configuration.model.served = model
        configuration.workload.request = GenerationRequest(prompt: Self.prompt, api: .completion, maxTokens: 5, cache: cache)
        let outcome = try await BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: reporter)
            .run(RunnerFixtures.plan([configuration]))
        return (try #require(try outcome.storedBundle().configurations.first), outcome)
    }

    /// `--engine openai` against llama-server sent no `cache_prompt`, so after the warm-up every request was a
    /// cache hit: n_in 1 for an 8-token prompt. It now says `cache_prompt: false`, as the native path does.
    @Test func openAIAgainstLlamaServerSendsCachePromptFalseAndEvaluatesTheWholePrompt() async throws {
        let server = try await ScriptedLLMServer.start(script: Script(tokens: ["a", "b", "c", "d", "e"], promptCache: .llamaCpp))
        let (openai, _) = try await run(server.baseURL + "/v1", kind: .openai)
        let (native, _) = try await run(server.baseURL, kind: .llamacpp)
        let (warm, _) = try await run(server.baseURL + "/v1", kind: .openai, cache: .warm)
        let bodies = await server.requests().filter { $0.path.hasSuffix("completions") || $0.path == "/completion" }.map(\.body)
        await server.stop()
        #expect(openai.status == .completed)
        #expect(openai.requests.map { $0.metrics[.nIn] } == [8, 8, 8])
        #expect(native.requests.map { $0.metrics[.nIn] } == [8, 8, 8])
        #expect(openai.requests.allSatisfy { !$0.flags.contains(.promptCached) })
        // a warm workload asks for the cache and gets it: 7 of 8 tokens reused, and that is not a flag
        #expect(warm.requests.map { $0.metrics[.nIn] } == [1, 1, 1])
        #expect(warm.requests.allSatisfy { !$0.flags.contains(.promptCached) })
        #expect(bodies.count == 12)
        #expect(bodies.prefix(8).allSatisfy { $0.contains(#""cache_prompt":false"#) && $0.contains(#""prompt":"one two"#) })
        #expect(bodies.suffix(4).allSatisfy { $0.contains(#""cache_prompt":true"#) })
    }

    /// vLLM caches prefixes whatever the request says: each cold request starts with its own prefix, whose
    /// token the server counts (8 + 1).
    @Test func aServerThatCannotBeToldGetsAUniquePrefixPerColdRequest() async throws {
        let server = try await ScriptedLLMServer.start(script: Script(tokens: ["a", "b", "c", "d", "e"], promptCache: .automatic))
        let (cold, _) = try await run(server.baseURL + "/v1", kind: .openai)
        let (warm, _) = try await run(server.baseURL + "/v1", kind: .openai, cache: .warm)
        let prompts = await server.requests().filter { $0.path == "/v1/completions" }.map { request in
            (try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])?["prompt"] as? String ?? ""
        }
        let bodies = await server.requests().filter { $0.path == "/v1/completions" }.map(\.body)
        await server.stop()
        #expect(cold.requests.map { $0.metrics[.nIn] } == [9, 9, 9])
        #expect(cold.requests.allSatisfy { !$0.flags.contains(.promptCached) })
        let coldPrompts = prompts.prefix(4)
        #expect(coldPrompts.allSatisfy { $0.range(of: #"^\[[0-9a-f]{8}\] one two"#, options: .regularExpression) != nil })
        #expect(Set(coldPrompts.map { $0.prefix(10) }).count == 4)
        #expect(prompts.suffix(4).allSatisfy { $0 == Self.prompt })
        #expect(!bodies.contains { $0.contains("cache_prompt") })
        // warm: the server reuses 7 of the 8 tokens and reports it; evaluated is 1, not flagged
        #expect(warm.requests.map { $0.metrics[.nIn] } == [1, 1, 1])
        #expect(warm.requests.allSatisfy { !$0.flags.contains(.promptCached) })
    }

    /// A server that caches although told not to: the cold workload's requests are flagged.
    @Test func aColdRequestTheServerAnsweredFromItsCacheIsFlagged() async throws {
        let server = try await ScriptedLLMServer.start(script: Script(tokens: ["a", "b", "c", "d", "e"], promptCache: .automatic))
        // llama.cpp's native engine trusts cache_prompt: false; this server ignores it
        let (native, _) = try await run(server.baseURL, kind: .llamacpp)
        await server.stop()
        #expect(native.requests.map { $0.metrics[.nIn] } == [1, 1, 1])
        #expect(native.requests.allSatisfy { $0.flags.contains(.promptCached) })
    }

    /// The native engine asks llama-server's /tokenize for a count the server got wrong (the scripted one counts
    /// words); the OpenAI engine has none and counts the stream.
    @Test(arguments: ["-8", "9223372036854775808", "0"])
    func anImpossibleCompletionCountKeepsTheClientsCount(reported: String) async throws {
        let server = try await ScriptedLLMServer.start(
            script: Script(tokens: [" a", " b", " c", " d", " e"], reportedCompletionTokens: reported))
        let notes = NoteCollector()
        let (openai, outcome) = try await run(server.baseURL + "/v1", kind: .openai, reporter: notes)
        let (native, _) = try await run(server.baseURL, kind: .llamacpp)
        await server.stop()
        #expect(outcome.failedConfigurations == 0)
        for result in [openai, native] {
            #expect(result.status == .completed)
            #expect(result.requests.map { $0.metrics[.nOut] } == [5, 5, 5])
            #expect(result.requests.allSatisfy { $0.flags.contains(.serverCountImplausible) && !$0.flags.contains(.noTokens) })
        }
        let reason = reported == "0" ? "is zero although 5 token(s) streamed" : reported.hasPrefix("-") ? "is negative"
            : "is more than the 5 streamed token chunk(s) of 10 bytes can hold (at most 31)"
        let shown = reported == "9223372036854775808" ? String(Int.max) : reported
        #expect(notes.notes.filter { $0.hasPrefix("warning:") } == (1...3).map {
            "warning: c request \($0): the server reported completion tokens \(shown), which \(reason); it is not used "
                + "(kept n_out 5 tokens, counted from the stream; server rates from it dropped), flagged server_count_implausible"
        })
    }

    /// Ollama `eval_count: -5` was stored; a valid but huge duration was "not valid JSON".
    @Test func ollamaNegativeCountsAndHugeDurationsAreJudgedNotStoredOrRejected() async throws {
        let server = try await ScriptedOllamaServer.start(
            script: Script(tokens: ["a", "b", "c", "d", "e"]),
            behaviour: OllamaBehaviour(finalOverrides: ["eval_count": "-5", "eval_duration": "18446744073709551615"]))
        let (result, outcome) = try await run(server.baseURL, kind: .ollama, model: "qwen2.5:0.5b")
        await server.stop()
        #expect(outcome.failedConfigurations == 0, "\(result.error ?? "")")
        #expect(result.requests.map { $0.metrics[.nOut] } == [5, 5, 5])
        #expect(result.requests.allSatisfy { $0.flags.contains(.serverCountImplausible) })
        #expect(result.requests.allSatisfy { $0.metrics[.serverDecodeRate] == nil })
    }
}
