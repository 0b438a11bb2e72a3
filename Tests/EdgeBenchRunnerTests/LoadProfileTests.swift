import AsyncHTTPClient
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchTelemetry
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchRunner

/// Load levels (METRICS.md "Load profiles"): the schedule, the level's figures, several requests really in
/// flight at once against the scripted server and the real llama-server, and what a run stores.
@Suite(.serialized)
struct LoadProfileTests {
    // MARK: The schedule

    @Test func aConstantRateSendsEveryOneOverR() {
        let offsets = Array(ArrivalSchedule(rate: 4, arrivals: .constant, seed: 1).prefix(5))
        #expect(offsets == [0, 0.25, 0.5, 0.75, 1.0])
    }

    /// Seeded Poisson arrivals: the same plan sends on the same schedule, with the rate asked for and
    /// exponential gaps (coefficient of variation 1).
    @Test func poissonArrivalsAreSeededWithTheRateAskedFor() {
        let offsets = Array(ArrivalSchedule(rate: 10, arrivals: .poisson, seed: 42).prefix(4001))
        #expect(offsets == Array(ArrivalSchedule(rate: 10, arrivals: .poisson, seed: 42).prefix(4001)))
        #expect(offsets != Array(ArrivalSchedule(rate: 10, arrivals: .poisson, seed: 43).prefix(4001)))
        let gaps = zip(offsets.dropFirst(), offsets).map { $0 - $1 }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        let sd = (gaps.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(gaps.count - 1)).squareRoot()
        #expect(abs(4000 / offsets.last! - 10) < 0.5, "achieved \(4000 / offsets.last!) req/s")
        #expect(abs(sd / mean - 1) < 0.05, "inter-arrival CV \(sd / mean)")
        #expect(gaps.allSatisfy { $0 > 0 })
    }

    // MARK: The level's figures

    static func request(ttft: Double, e2e: Double, itl: [Double], lag: Double) -> RequestResult {
        RequestResult(index: 0, metrics: [.ttft: ttft, .e2eLatency: e2e, .sendLag: lag, .nOut: 10], itl: itl, flags: [])
    }

    @Test func goodputConcurrencyAndLagAreTheDefinitions() {
        let requests = [
            Self.request(ttft: 0.5, e2e: 2, itl: [0.05, 0.1], lag: 0.001),
            Self.request(ttft: 1.5, e2e: 3, itl: [0.05], lag: 0.002),  // misses the TTFT objective
            Self.request(ttft: 0.2, e2e: 1, itl: [0.05, 0.3], lag: 0.04),  // misses the ITL objective (its p99)
            Self.request(ttft: 0.9, e2e: 2, itl: [], lag: 0.003),
        ]
        let slo = ServiceLevels(ttft: 1, itl: 0.2)
        let figures = LevelFigures.compute(requests: requests, seconds: 4, rate: 2, slo: slo, errors: 1, timeouts: 2)
        #expect(figures.extra == [
            .concurrencyAchieved: 8.0 / 4, .goodput: 2.0 / 4, .requestErrors: 1, .requestTimeouts: 2,
        ])
        // p99 of the lags (0.0399…) is below 10 % of 1/2 s: the harness kept up
        #expect(figures.flags == [])
        // at 20 req/s 10 % of the gap is 5 ms: a 40 ms lag means the harness fell behind
        #expect(LevelFigures.lagged([0.001, 0.002, 0.04, 0.003], rate: 20))
        #expect(!LevelFigures.lagged([0.001, 0.002, 0.004, 0.003], rate: 20))
        #expect(LevelFigures.sweepRate(index: 1, of: 3, synchronous: 2, saturated: 10) == 4)
        #expect(LevelFigures.sweepRate(index: 3, of: 3, synchronous: 2, saturated: 10) == 8)
    }

    /// Overlapping requests: the level's energy over all its tokens, never a request's window.
    @Test func aLevelsEnergyIsTheWindowsEnergyOverItsTokens() {
        let start = Instant(nanoseconds: 10_000_000_000)
        let samples = (0...40).map { k in
            Sample(at: start.adding(seconds: Double(k) * 0.1 - 1), source: "meter", reading: Reading(channel: "in", quantity: .power, value: 5))
        }
        var energy = MeasuredEnergy()
        energy.perRequest = false
        var measured = [RequestResult(index: 0, metrics: [.nOut: 20], itl: [], flags: [])]
        energy.record(
            RequestRecord(submittedAt: start, chunks: [], completion: Completion(at: start.adding(seconds: 2)), text: "",
                          requestedMaxTokens: 20, cache: .cold, promptBytes: 0),
            at: 0)
        let level = MeasuredWindow(start: start, end: start.adding(seconds: 2), requests: 2, tokens: 40)
        let attached = energy.attach(
            to: &measured, samples: samples,
            sources: [SourceDescription(id: "meter", kind: "command", boundary: .wallAC, detail: "test")], level: level)
        // 5 W × 2 s = 10 J over 40 tokens
        #expect(attached.extra[.energyPerToken] == 0.25)
        #expect(attached.extra[.meanPower] == 5)
        #expect(attached.extra[.tokensPerJoule] == 4)
        #expect(measured[0].metrics[.energy] == nil)
        #expect(attached.updated == [])
    }

    // MARK: Several requests in flight

    /// Four streams over eight requests: the server holds every token until four streams are open at
    /// once, so a harness that sent one behind another would never get there. Each index comes back once.
    @Test func fourStreamsKeepFourRequestsInFlight() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 3))
        let gate = TokenGate()
        await server.setGate(gate)
        let client = HTTPTransport.makeClient()
        let engine = LlamaCppEngine(baseURL: server.baseURL, model: "scripted-model", client: client)
        let request = GenerationRequest(prompt: "hello", api: .completion, maxTokens: 3)
        let outcomes = LoadDriver.run(.streams(4), indices: Array(0..<8), engine: engine, request: request)
        let collected = Task {
            var all: [LoadDriver.Outcome] = []
            for try await outcome in outcomes { all.append(outcome) }
            return all
        }
        var waited = 0
        while await server.mostStreamsAtOnce() < 4, waited < 6000 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        #expect(await server.mostStreamsAtOnce() == 4)
        await gate.openAll()
        let all = try await collected.value
        try await client.shutdown()
        await server.stop()
        #expect(all.map(\.index).sorted() == Array(0..<8))
        #expect(all.allSatisfy { if case .success(let record) = $0.result { record.chunks.count == 3 } else { false } })
        // never more than the four streams asked for
        #expect(await server.mostStreamsAtOnce() == 4)
    }

    /// A scheduled rate: each request's due time is the schedule's, its lag never negative.
    @Test func aRateSendsOnItsSchedule() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 2))
        let client = HTTPTransport.makeClient()
        let engine = LlamaCppEngine(baseURL: server.baseURL, model: "scripted-model", client: client)
        let request = GenerationRequest(prompt: "hello", api: .completion, maxTokens: 2)
        var all: [LoadDriver.Outcome] = []
        for try await outcome in LoadDriver.run(.schedule(rate: 40, .constant, seed: 1), indices: Array(0..<5), engine: engine, request: request) {
            all.append(outcome)
        }
        try await client.shutdown()
        await server.stop()
        let byIndex = all.sorted { $0.index < $1.index }
        let due = byIndex.map { $0.scheduled.seconds(since: byIndex[0].scheduled) }
        #expect(due.map { ($0 * 1000).rounded() } == [0, 25, 50, 75, 100])
        for outcome in byIndex {
            guard case .success(let record) = outcome.result else {
                Issue.record("request \(outcome.index) failed")
                continue
            }
            #expect(record.submittedAt >= outcome.scheduled)
        }
    }

    // MARK: A run at several levels

    static func configuration(_ id: String, url: String, load: LoadLevel?, slo: ServiceLevels?) -> Configuration {
        var configuration = RunnerFixtures.configuration(id: id, url: url, repetitions: 6, maxTokens: 3)
        configuration.load = load
        configuration.workload.slo = slo
        return configuration
    }

    @Test func aRunStoresEachLevelsFiguresAndEveryRequestsLag() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 3))
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let slo = ServiceLevels(ttft: 600, e2e: 600)
        let outcome = try await BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: SilentProgress()).run(
            RunnerFixtures.plan([
                Self.configuration("w@c3", url: server.baseURL, load: .concurrent(3), slo: slo),
                Self.configuration("w@r50", url: server.baseURL, load: .rate(50, .constant), slo: slo),
            ]))
        await server.stop()
        let results = try outcome.storedBundle().configurations
        #expect(results.map(\.status) == [.completed, .completed], "\(results.map { $0.error ?? "" })")
        #expect(results.map(\.load) == [.concurrent(3), .rate(50, .constant)])
        for result in results {
            #expect(result.requests.map(\.index).sorted() == Array(0..<6))
            #expect(result.requests.allSatisfy { ($0.metrics[.sendLag] ?? -1) >= 0 })
            #expect(result.summary[.requestErrors]?.mean == 0)
            #expect(result.summary[.requestTimeouts]?.mean == 0)
            // every request met the (generous) objectives: goodput is the request throughput
            #expect(result.summary[.goodput]?.mean == result.summary[.requestRate]?.mean)
            #expect((result.summary[.concurrencyAchieved]?.mean ?? 0) > 0)
        }
    }

    /// Under load a failed request is a figure of the level; a level where every one failed fails, saying why.
    @Test func aLevelWhereEveryRequestFailsSaysSo() async throws {
        var script = Script.fast(tokens: 3)
        script.failure = .httpStatus(503, #"{"error": {"message": "overloaded"}}"#)
        let server = try await ScriptedLLMServer.start(script: script)
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try await BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: SilentProgress()).run(
            RunnerFixtures.plan([Self.configuration("w@c2", url: server.baseURL, load: .concurrent(2), slo: nil)]))
        await server.stop()
        let result = try #require(outcome.bundle.configurations.first)
        #expect(result.status == .failed)
        #expect(result.error?.contains("every one of the 6 requests at concurrent 2 failed (0 timed out); the first:") == true,
                "\(result.error ?? "")")
    }

    /// The real llama-server with four slots: four streams are decoded together, so every request of the
    /// level was sent before any came back (the harness did not queue them behind each other).
    @Test func theRealLlamaServerServesFourStreamsAtOnce() async throws {
        let ready = try EmbeddedEngineFixture.ready()
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        var configuration = Configuration(
            id: "managed/smollm2/chat@c4",
            engine: EngineSpec(name: "managed", kind: .managed, serverPath: ready.serverPath, threads: 2, parallel: 4),
            model: ModelSpec(name: "smollm2", file: ready.model.path),
            workload: Workload(
                name: "chat", request: GenerationRequest(prompt: "Name a colour.", api: .completion, maxTokens: 24, seed: 42),
                slo: ServiceLevels(e2e: 600)),
            repetitions: 4, warmup: 1)
        configuration.load = .concurrent(4)
        let outcome = try await BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: SilentProgress())
            .run(RunnerFixtures.plan([configuration]))
        let result = try #require(try outcome.storedBundle().configurations.first)
        #expect(result.status == .completed, "\(result.error ?? "")")
        #expect(result.requests.count == 4)
        #expect(result.summary[.requestErrors]?.mean == 0)
        #expect(result.summary[.goodput]?.mean == result.summary[.requestRate]?.mean)
        // Mean requests in flight: about 1 had the harness (or a one-slot server) taken them one behind
        // another; with four decoded together each request spans most of the level. A ratio, not a speed.
        let inFlight = try #require(result.summary[.concurrencyAchieved]?.mean)
        #expect(inFlight > 2, "concurrency_achieved \(inFlight)")
        // the server was started with four slots (its log says so)
        let log = try String(contentsOf: try #require(
            FileManager.default.enumerator(at: outcome.directory.appendingPathComponent("logs"), includingPropertiesForKeys: nil)?
                .allObjects.compactMap { $0 as? URL }.first { $0.pathExtension == "log" }), encoding: .utf8)
        #expect(log.contains("n_slots = 4"), "\(log.prefix(400))")
    }
}
