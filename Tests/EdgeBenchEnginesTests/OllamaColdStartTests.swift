import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Foundation
import Testing

/// A clock that moves `step` seconds on every read, from `start`: the instants a cold start records and
/// the unload's deadline become exact, whatever the machine's load.
final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var next: Instant
    private let step: Double

    init(start: Double, step: Double) {
        next = Instant(nanoseconds: UInt64(start * 1e9))
        self.step = step
    }

    func read() -> Instant {
        lock.lock()
        defer { lock.unlock() }
        let now = next
        next = next.adding(seconds: step)
        return now
    }
}

/// Issue 15's cold starts on Ollama and hailo-ollama (`OllamaColdStart`) against `ScriptedOllamaServer`.
@Suite("Ollama cold starts against ScriptedOllamaServer", .serialized)
struct OllamaColdStartTests {
    static let model = "qwen2.5:0.5b"

    static func coldStart(_ engine: OllamaEngine, clock: SteppingClock, timeout: Duration = .seconds(10)) -> OllamaColdStart {
        OllamaColdStart(engine: engine, wait: .init(interval: .milliseconds(1), timeout: timeout), now: clock.read)
    }

    @Test func unloadWaitsUntilPSNoLongerListsTheModelThenLoadBringsItBack() async throws {
        let behaviour = OllamaBehaviour(residentAtStart: true, listedAfterUnload: 2)
        try await withOllamaServer(Script.fast(tokens: 2), behaviour) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: Self.model, client: client)
            let clock = SteppingClock(start: 100, step: 1)
            let cold = Self.coldStart(engine, clock: clock)
            #expect(try await engine.residentEntry() != nil)
            let before = await server.requests().count

            try await cold.unload()
            let unload = Array(await server.requests().dropFirst(before))
            // Ollama replies at once and unloads in the background: /api/ps listed it twice more, then not
            #expect(unload.map(\.path) == ["/api/generate", "/api/ps", "/api/ps", "/api/ps"])
            #expect(unload.first?.body == #"{"keep_alive":0,"model":"qwen2.5:0.5b","stream":false}"#)
            #expect(try await engine.residentEntry() == nil)

            // the unload read the clock three times (its deadline, then after each /api/ps that still listed it)
            let load = try await cold.load()
            #expect(load == ColdLoad(start: Instant(nanoseconds: 103_000_000_000), end: Instant(nanoseconds: 104_000_000_000)))
            #expect(load.seconds == 1)
            let request = try #require(await server.requests().last)
            #expect(request.path == "/api/generate")
            #expect(request.body
                == #"{"keep_alive":1800,"model":"qwen2.5:0.5b","options":{"num_predict":1,"repeat_penalty":1,"temperature":0,"top_k":40,"top_p":0.95},"stream":false}"#)
            #expect(try await engine.residentEntry() != nil)
            #expect(await server.loads() == 1)

            // the request after the load finds the model loaded: the server loads nothing more
            let events = try await collect(engine.generate(GenerationRequest(prompt: "Hi", maxTokens: 2)))
            #expect(try Measured(events).texts == [" t0", " t1"])
            #expect(await server.loads() == 1)
        }
    }

    /// Ollama reports a load in the `load_duration` of the request that had to load the model: after an
    /// unload, the next generation does (a load-only request reports none: its fixture).
    @Test func theGenerationAfterAnUnloadReportsTheLoad() async throws {
        let behaviour = OllamaBehaviour(loadDelay: .milliseconds(50), residentAtStart: true)
        try await withOllamaServer(Script.fast(tokens: 2), behaviour) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: Self.model, client: client)
            try await Self.coldStart(engine, clock: SteppingClock(start: 0, step: 1)).unload()
            #expect(await server.loads() == 0)
            let measured = try Measured(try await collect(engine.generate(GenerationRequest(prompt: "Hi", maxTokens: 2))))
            #expect(await server.loads() == 1)
            // the server slept its load delay before answering: its load_duration is at least that
            #expect((measured.completion.timings?.loadDuration ?? 0) >= 0.050)
        }
    }

    @Test func aModelThatStaysListedFailsTheUnloadAtItsDeadline() async throws {
        let behaviour = OllamaBehaviour(residentAtStart: true, listedAfterUnload: 1000)
        try await withOllamaServer(Script.fast(tokens: 2), behaviour) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: Self.model, client: client)
            let cold = Self.coldStart(engine, clock: SteppingClock(start: 100, step: 1), timeout: .seconds(3))
            let before = await server.requests().count
            let error = await #expect(throws: ColdStartError.self) { try await cold.unload() }
            #expect(error == .stillResident(engine: "Ollama", url: server.baseURL + "/api/ps", model: Self.model, seconds: 3))
            #expect(error?.description
                == "Ollama still lists model 'qwen2.5:0.5b' at \(server.baseURL)/api/ps 3 s after it was asked to unload it "
                    + "(keep_alive 0): another client may be using it; stop that client, or run the workload with start: warm")
            // deadline at 103 s: /api/ps at 101, 102 and 103 s, then no more
            #expect(await server.requests().dropFirst(before).map(\.path) == ["/api/generate", "/api/ps", "/api/ps", "/api/ps"])
        }
    }

    /// hailo-ollama unloads on a request without a prompt and `keep_alive: 0`, loads on one without a prompt,
    /// and lists its one loaded model in `/api/ps` (its controller; PROTOCOLS.md).
    @Test func hailoUnloadsAndLoadsWithRequestsWithoutAPrompt() async throws {
        let behaviour = OllamaBehaviour(flavour: .hailo, models: ["qwen2:1.5b"], residentAtStart: true)
        try await withOllamaServer(Script.fast(tokens: 2), behaviour) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: "qwen2:1.5b", dialect: .hailo, client: client)
            let cold = Self.coldStart(engine, clock: SteppingClock(start: 7, step: 0.5))
            #expect(try await engine.residentEntry()?.name == "qwen2:1.5b")
            let before = await server.requests().count
            try await cold.unload()
            let load = try await cold.load()
            let requests = Array(await server.requests().dropFirst(before))
            #expect(requests.map(\.path) == ["/api/generate", "/api/ps", "/api/generate"])
            #expect(requests[0].body == #"{"keep_alive":0,"model":"qwen2:1.5b","stream":false}"#)
            #expect(requests[2].body
                == #"{"keep_alive":1800,"model":"qwen2:1.5b","options":{"num_predict":1,"temperature":0,"top_k":40,"top_p":0.95},"stream":false}"#)
            #expect(load == ColdLoad(start: Instant(nanoseconds: 7_500_000_000), end: Instant(nanoseconds: 8_000_000_000)))
            #expect(try await engine.residentEntry()?.name == "qwen2:1.5b")
            #expect(await server.loads() == 1)
        }
    }

    /// The driver hands the runner its cold start with the engine it prepared.
    @Test func thePreparedEngineCarriesItsColdStart() async throws {
        try await withOllamaServer(Script.fast(tokens: 2)) { server, client in
            let configuration = Configuration(
                id: "o/m/w", engine: EngineSpec(name: "o", kind: .ollama, url: server.baseURL),
                model: ModelSpec(name: Self.model), workload: Workload(
                    name: "w", request: GenerationRequest(prompt: "Hi", maxTokens: 2), start: .cold),
                repetitions: 1, warmup: 0)
            let directory = FileManager.default.temporaryDirectory
            let context = EngineContext(
                client: client, cache: CachePaths(root: directory), llamaServerPath: nil, runDirectory: directory,
                models: ModelResolver(cache: CachePaths(root: directory)), phase: { _ in }, note: { _ in })
            let prepared = try await OllamaDriver().prepare(configuration, context: context)
            let cold = try #require(prepared.coldStart as? OllamaColdStart)
            #expect(cold.engine.baseURL == server.baseURL)
            #expect(cold.engine.model == Self.model)
            #expect(cold.wait == OllamaColdStart.UnloadWait(interval: .milliseconds(100), timeout: .seconds(60)))
            try await cold.unload()
            #expect(try await cold.engine.residentEntry() == nil)
        }
    }
}
