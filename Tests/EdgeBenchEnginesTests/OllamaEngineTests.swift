import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Foundation
import Testing

func withOllamaServer<T>(
    _ script: Script, _ behaviour: OllamaBehaviour = OllamaBehaviour(),
    _ body: (ScriptedOllamaServer, HTTPClient) async throws -> T
) async throws -> T {
    try await withServer(ScriptedOllamaServer.start(script: script, behaviour: behaviour), stop: { await $0.stop() }, body)
}

@Suite("Ollama and hailo-ollama adapter against ScriptedOllamaServer", .serialized)
struct OllamaEngineTests {
    static let model = "qwen2.5:0.5b"

    @Test func sendsEveryDecodingParameterAndNumGPUAsALayerCount() async throws {
        try await withOllamaServer(Script.fast(tokens: 2)) { server, client in
            let cases: [(Offload?, String)] = [(.all, #""num_gpu":999"#), (Offload.none, #""num_gpu":0"#), (.layers(12), #""num_gpu":12"#)]
            for (offload, expected) in cases {
                let engine = OllamaEngine(
                    baseURL: server.baseURL, model: Self.model, client: client, offload: offload, threads: 4, contextSize: 2048)
                _ = try await collect(engine.generate(GenerationRequest(prompt: "Hi", systemPrompt: "Be brief.", maxTokens: 8)))
                let body = try #require(await server.requests().last?.body)
                #expect(body.contains(expected))
            }
            let body = try #require(await server.requests().last?.body)
            #expect(body == #"{"keep_alive":1800,"messages":[{"content":"Be brief.","role":"system"},{"content":"Hi","role":"user"}],"model":"qwen2.5:0.5b","options":{"num_ctx":2048,"num_gpu":12,"num_predict":8,"num_thread":4,"repeat_penalty":1,"seed":42,"temperature":0,"top_k":40,"top_p":0.95},"stream":true}"#)
            #expect(await server.requests().last?.path == "/api/chat")
        }
    }

    @Test func hailoGetsOnlyTheOptionsItHonours() async throws {
        try await withOllamaServer(Script.fast(tokens: 2), OllamaBehaviour(flavour: .hailo, models: ["qwen2:1.5b"])) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: "qwen2:1.5b", dialect: .hailo, client: client, offload: .all)
            let request = GenerationRequest(prompt: "Once upon", api: .completion, maxTokens: 8, topK: 20, repeatPenalty: 1.3)
            let measured = try Measured(try await collect(engine.generate(request)))
            #expect(measured.texts == [" t0", " t1"])
            let recorded = try #require(await server.requests().last)
            #expect(recorded.path == "/api/generate")
            #expect(recorded.body == #"{"keep_alive":1800,"model":"qwen2:1.5b","options":{"num_predict":8,"seed":42,"temperature":0,"top_k":20,"top_p":0.95},"prompt":"Once upon","raw":true,"stream":true}"#)
        }
    }

    @Test func measuresTokensActuallyGeneratedNotNumPredict() async throws {
        let script = Script(
            tokens: ["The", " sky", " is", " blue", "."], delays: [.milliseconds(40), .milliseconds(15)], promptTokens: 26,
            stopReason: "stop")
        try await withOllamaServer(script) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: Self.model, client: client)
            let gate = TokenGate(openedThrough: 0)
            await server.setGate(gate)
            let events = try await collectGated(engine.generate(GenerationRequest(prompt: "Colour of the sky?", maxTokens: 64)), gate: gate)
            await expectTimeline(try Measured(events), firstDelay: 0.040, gap: 0.015, server: server)
            let result = RequestMetrics.compute(try record(events, maxTokens: 64), index: 0)
            #expect(result.metrics[.nOut] == 5)  // eval_count, not the 64 asked for
            #expect(result.metrics[.nIn] == 26)
            // client_server_disagreement (rates > 10 % apart) is what a busy machine's delivery delays may earn
            #expect(result.flags.filter { $0 != .clientServerDisagreement } == [.stoppedEarly])
            #expect(result.response == "The sky is blue.")
            let ttft = try #require(result.metrics[.ttft])
            #expect(ttft >= 0.040)
            // The server's eval rate, from its eval_count and eval_duration (ns), is exactly what its own write
            // instants give: (N − 1) over its first-to-last write (Ollama's eval_duration spans N shares of the
            // gaps). Ours is (N − 1) over our first-to-last arrival. How close the two come depends on a busy
            // machine's delivery delays: a figure for bench/ (bench/README.md), not a test.
            let writes = await server.lastStreamTimeline().tokenWrites
            let client = try #require(result.metrics[.decodeRate])
            let serverRate = try #require(result.metrics[.serverDecodeRate])
            #expect(writes.count == 5)
            if let first = writes.first, let last = writes.last {
                let span = last.seconds(since: first)
                let expected = 4 / span
                // Unless a loaded machine stretched the gated gaps so far that 5/4 of the span outlasts the request:
                // then the server reports the request's own time (a server never reports more time than passed),
                // at least the span and the 40 ms before the first token, so its rate lies above ours but ≤ 5 / that.
                let extrapolated = abs(serverRate - expected) / expected < 1e-6
                let capped = serverRate > expected && serverRate <= 5 / (span + 0.040) * (1 + 1e-6)
                #expect(extrapolated || capped, "server \(serverRate) tok/s vs its writes \(expected) tok/s")
                #expect(expected <= 1 / 0.015)  // its gaps are at least the scripted 15 ms
            }
            let decodeTime = try #require(result.metrics[.decodeTime])
            #expect(abs(client - 4 / decodeTime) < 1e-9 * client)
            #expect(!result.flags.contains(.serverTimingImplausible))
            #expect(result.metrics[.serverPrefillRate] != nil)
        }
    }

    @Test func coldModelLoadsOnceAndIsThenWarm() async throws {
        let behaviour = OllamaBehaviour(loadDelay: .milliseconds(300))
        try await withOllamaServer(Script.fast(tokens: 3), behaviour) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: Self.model, client: client)
            let before = Instant.now()
            let cold = try await engine.load()
            let after = Instant.now()
            #expect(cold.wasResident == false)
            // The load-only reply reports zero durations (as real Ollama does), so the wall time is used: at
            // least the scripted load, at most the call's own span (bounds no load can break; "< 5 s" was a speed test).
            let loadTime = try #require(cold.loadTime)
            #expect(loadTime >= 0.300 && loadTime <= after.seconds(since: before))
            let warm = try await engine.load()
            #expect(warm == OllamaEngine.LoadOutcome(wasResident: true, loadTime: nil))
            let events = try await collect(engine.generate(GenerationRequest(prompt: "Hi", maxTokens: 3)))
            let measured = try Measured(events)
            #expect((measured.completion.timings?.loadDuration ?? 1) < 0.05)  // the measured request saw no load
            #expect(await server.loads() == 1)
        }
    }

    @Test func describeRecordsVersionModelDetailsAndAchievedOffload() async throws {
        let size: Int64 = 397_821_319
        let cases: [(Int64?, Offload?, String, Double)] = [
            (nil, .all, "100% CPU (0.00 GB of 0.40 GB in GPU memory)", 0),
            (8_000_000_000, .all, "100% GPU (0.40 GB of 0.40 GB in GPU memory)", 1),
            (size / 2, .all, "50% GPU / 50% CPU (0.20 GB of 0.40 GB in GPU memory)", 0.5),
        ]
        for (gpu, offload, text, fraction) in cases {
            try await withOllamaServer(Script.fast(tokens: 1), OllamaBehaviour(modelSize: size, gpuMemory: gpu)) { server, client in
                let engine = OllamaEngine(baseURL: server.baseURL, model: Self.model, client: client, offload: offload)
                _ = try await engine.load()
                let description = try await engine.describe()
                #expect(description.adapter == "ollama")
                #expect(description.name == "Ollama")
                #expect(description.version == "0.30.8")
                #expect(description.offload == text)
                #expect(approx(description.offloadFraction, fraction, tolerance: 0.001))
                #expect(description.contextSize == 4096)
                #expect(description.model == ModelInfo(
                    name: Self.model, sizeBytes: size,
                    digest: "a8b0c51577010a279d933d14c2a8ab4b268079d44c5c8830c0a93900f1827c67", quantisation: "Q4_K_M",
                    parameters: 494_032_768))
            }
        }
    }

    @Test func hailoDescribeUsesItsModelListAndStringModelInfo() async throws {
        let behaviour = OllamaBehaviour(flavour: .hailo, version: "5.1.1", models: ["qwen2:1.5b", "llama3.2:1b"])
        try await withOllamaServer(Script.fast(tokens: 1), behaviour) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: "qwen2:1.5b", dialect: .hailo, client: client)
            let description = try await engine.describe()
            #expect(description.adapter == "hailo-ollama")
            #expect(description.version == "5.1.1")
            #expect(description.model.parameters == 494_030_000)  // from "494.03M": hailo's model_info is a string
            #expect(description.offload?.hasPrefix("Hailo-10H NPU") == true)
            #expect(await server.requests().contains { $0.path == "/hailo/v1/list" })

            let missing = OllamaEngine(baseURL: server.baseURL, model: "qwen3:1.7b", dialect: .hailo, client: client)
            let error = await #expect(throws: EngineError.self) { try await missing.describe() }
            #expect(error?.description == "hailo-ollama at \(server.baseURL) has no model 'qwen3:1.7b' (it serves: qwen2:1.5b, llama3.2:1b): use one of those names as the model")
        }
    }

    /// hailo-ollama documents no load-only request and no /api/ps: a one-token generation loads the
    /// model, and its own load_duration is the load time.
    @Test func hailoLoadsWithAOneTokenGeneration() async throws {
        let behaviour = OllamaBehaviour(flavour: .hailo, models: ["qwen2:1.5b"], loadDelay: .milliseconds(200))
        try await withOllamaServer(Script.fast(tokens: 4), behaviour) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: "qwen2:1.5b", dialect: .hailo, client: client)
            let load = try await engine.load()
            #expect(load.wasResident == nil)
            let seconds = try #require(load.loadTime)
            #expect(seconds >= 0.2 && seconds < 5)
            let body = try #require(await server.requests().last?.body)
            #expect(body == #"{"keep_alive":1800,"model":"qwen2:1.5b","options":{"num_predict":1,"temperature":0,"top_k":40,"top_p":0.95},"prompt":"Hello","raw":true,"stream":false}"#)
            #expect(try await engine.load().loadTime == nil)  // resident now: load_duration 0
        }
    }

    @Test func unknownModelSaysHowToPullIt() async throws {
        try await withOllamaServer(Script.fast(tokens: 1)) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: "llama3.3", client: client)
            let error = await #expect(throws: EngineError.self) { try await engine.load() }
            #expect(error?.description == "Ollama at \(server.baseURL) has no model 'llama3.3' ({\"error\":\"model 'llama3.3' not found, try pulling it first\"}): pull it on that machine with `ollama pull llama3.3`, or pick one of `ollama list`")
            let described = await #expect(throws: EngineError.self) { try await engine.describe() }
            #expect(described?.description.contains("ollama pull llama3.3") == true)
        }
    }

    @Test(arguments: [
        (Script.Failure.truncatedAfter(2), "malformed response from URL/api/chat: expected an NDJSON object from Ollama (not valid JSON), got: {\"model\":\"qwen2.5:0.5b\",\"created_at\":\"2025-06-20T14:35:16.9"),
        (.malformedAfter(1), "malformed response from URL/api/chat: expected an NDJSON object from Ollama (not valid JSON), got: <html><body>502 Bad Gateway</body></html>"),
        (.errorAfter(2, "an error was encountered while running the model: CUDA error: out of memory"), "URL/api/chat reported an error mid-stream: Ollama: an error was encountered while running the model: CUDA error: out of memory (see the server's log)"),
        // A reset can discard bytes the client had not read yet, so up to 3 tokens arrived.
        (.dropConnectionAfter(3), "server closed the stream after N tokens without a final chunk: did it crash? see its log"),
        (.httpStatus(500, #"{"error":"llama runner process has terminated: signal: killed"}"#), "URL/api/chat answered HTTP 500: {\"error\":\"llama runner process has terminated: signal: killed\"} (see the server's log for details)"),
    ])
    func protocolViolationsGiveClearErrors(failure: Script.Failure, expected: String) async throws {
        let script = Script(tokens: ["a", "b", "c", "d", "e"], failure: failure)
        try await withOllamaServer(script) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: Self.model, client: client)
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "Hi", maxTokens: 5)))
            let engineError = try #require(error as? EngineError, "got \(String(describing: error))")
            let wanted = expected.replacingOccurrences(of: "URL", with: server.baseURL)
            let accepted = wanted.contains(" N tokens") ? (0...3).map { wanted.replacingOccurrences(of: " N tokens", with: " \($0) tokens") } : [wanted]
            #expect(accepted.contains(engineError.description), "\(engineError.description)")
            if case .submitted = events.first {} else { Issue.record("t_submit missing before the failure") }
        }
    }

    /// rkllama 0.0.75 reports eval/prompt_eval durations in ms in Ollama's ns fields: its server rates
    /// come out a million times too high, and must be flagged and dropped, never stored.
    @Test func wrongDurationUnitsAreCaughtNotBelieved() async throws {
        let script = Script(tokens: ["A", " neural", " network", " is", " a"], delays: [.milliseconds(20), .milliseconds(10)])
        try await withOllamaServer(script, OllamaBehaviour(durationUnit: .millisecondsRKLLama)) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: Self.model, client: client)
            // Gated, so our decode span is at least the server's from its second write to its last: a busy
            // machine that delivered every token in one read cannot make our rate look as high as the bad one.
            let gate = TokenGate(openedThrough: 0)
            await server.setGate(gate)
            let events = try await collectGated(engine.generate(GenerationRequest(prompt: "Explain", maxTokens: 5)), gate: gate)
            let rawRate = try #require(try Measured(events).completion.timings?.predictedRate)
            let result = RequestMetrics.compute(try record(events, maxTokens: 5), index: 0)
            let decode = try #require(result.metrics[.decodeRate])
            #expect(rawRate / decode > 1000)
            #expect(result.flags.contains(.serverTimingImplausible))
            #expect(result.metrics[.serverDecodeRate] == nil)
            #expect(result.metrics[.serverPrefillRate] == nil)
            #expect(!result.flags.contains(.clientServerDisagreement))
        }
    }

    /// Old Ollama left prompt_eval_count out when the prompt was cached: N_in is then unknown, so
    /// prefill rates are undefined rather than computed from a guess.
    @Test func missingPromptEvalCountLeavesPrefillUndefined() async throws {
        try await withOllamaServer(Script(tokens: ["a", "b", "c"]), OllamaBehaviour(omitsPromptEvalCount: true)) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: Self.model, client: client)
            let events = try await collect(engine.generate(GenerationRequest(prompt: "Hi", maxTokens: 3)))
            let result = RequestMetrics.compute(try record(events, maxTokens: 3), index: 0)
            #expect(result.metrics[.nOut] == 3)
            #expect(result.metrics[.nIn] == nil)
            #expect(result.metrics[.prefillRate] == nil)
            #expect(result.metrics[.serverPrefillRate] == nil)
            #expect(result.metrics[.serverDecodeRate] != nil)
        }
    }

    @Test func parameterSizes() {
        #expect(OllamaEngine.parameterCount("1.5B") == 1_500_000_000)
        #expect(OllamaEngine.parameterCount("494.03M") == 494_030_000)
        #expect(OllamaEngine.parameterCount("7b") == 7_000_000_000)
        #expect(OllamaEngine.parameterCount("large") == nil)
    }
}
