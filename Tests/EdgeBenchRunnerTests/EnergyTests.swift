import EdgeBenchCore
import EdgeBenchRunner
import EdgeBenchStore
import EdgeBenchTelemetry
import EdgeBenchTesting
import Foundation
import Testing

/// Energy per token attached to every configuration where power is measured: idle baseline first,
/// then per-request windows, with the source, boundary and sample count recorded.
@Suite(.serialized)
struct EnergyTests {
    static func run(
        power: [PowerSourceSpec], interval: Double = 0.01, idle: Double = 0.3, minMeasured: Double = 0,
        repetitions: Int = 3
    ) async throws -> ConfigurationResult {
        let script = Script(tokens: (0..<12).map { " w\($0)" }, delays: [.milliseconds(60), .milliseconds(15)], promptTokens: 20)
        let server = try await ScriptedLLMServer.start(script: script)
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        // An empty sensor tree: whatever the test machine has (RAPL on a bare-metal runner), only the
        // declared meter measures power here.
        let sensors = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: sensors) }
        let settings = RunSettings(
            power: power, idleBaseline: .rounded(seconds: idle)!, minMeasured: .rounded(seconds: minMeasured)!,
            sampleInterval: .rounded(seconds: interval)!)
        let options = RunOptions(outputRoot: output, settings: settings, sensorRoot: sensors.path)
        let runner = BenchmarkRunner(options: options, reporter: SilentProgress())
        let outcome = try await runner.run(RunnerFixtures.plan([
            RunnerFixtures.configuration(id: "metered", url: server.baseURL, repetitions: repetitions, maxTokens: 12)
        ]))
        await server.stop()
        let data = try Data(contentsOf: outcome.directory.appendingPathComponent("bundle.json"))
        let schema = try BundleSchemaValidator.validate(data)
        #expect(schema.valid, "\(schema.output)")
        return try #require(try outcome.storedBundle().configurations.first)
    }

    @Test func aMeterReadingOffADisplayGivesEnergyPerTokenFlaggedManual() async throws {
        let result = try await Self.run(power: [.manual(watts: 5, boundary: .wallAC)])
        #expect(result.status == .completed, "\(result.error ?? "")")
        for request in result.requests {
            let e2e = try #require(request.metrics[.e2eLatency])
            let energy = try #require(request.metrics[.energy], "\(request.metrics)")
            #expect(abs(energy - 5 * e2e) < 1e-6)
            let metrics = request.metrics
            #expect(abs((metrics[.meanPower] ?? 0) - 5) < 1e-6)
            #expect(abs((metrics[.energyPerToken] ?? 0) - energy / 12) < 1e-9)
            #expect(abs((metrics[.tokensPerJoule] ?? 0) - 12 / energy) < 1e-9)
            let active = try #require(metrics[.activeEnergy], "\(metrics)")
            #expect(abs(active) < 1e-6)  // idle power is the same 5 W
            #expect(request.metrics[.prefillEnergyPerToken] != nil && request.metrics[.decodeEnergyPerToken] != nil)
            // No `!lowConfidence` here: that flag says fewer than 10 readings fell in the request's ~0.23 s,
            // i.e. whether a busy machine ran the 10 ms sampler on time. The rule is PowerSeriesTests' (exact
            // sample counts), the sampler's rounds SamplerTests' (virtual clock).
        }
        #expect(abs((result.summary[.idlePower]?.mean ?? 0) - 5) < 1e-9)
        #expect(result.summary[.energyPerToken]?.n == 3)
        #expect(result.flags.contains(.manual))
        let power = try #require(result.power)
        #expect(power.source == "manual" && power.boundary == .wallAC && power.isManual && power.isEstimate)
        #expect(power.idleSeconds.map { $0 >= 0.3 } == true)
        // Sampled over the phase, not read once. How many rounds a busy machine grants the sampler is not
        // asserted (it was > 30 of the nominal ~100): the sampler's rounds are counted exactly in SamplerTests.
        #expect(power.samples >= 2)
    }

    @Test func aMeterCommandPrintingWattsIsIntegrated() async throws {
        let command = "while true; do echo 7.5; sleep 0.005; done"
        let result = try await Self.run(power: [.command(command, boundary: .boardDC)])
        #expect(result.status == .completed, "\(result.error ?? "")")
        for request in result.requests {
            let mean = try #require(request.metrics[.meanPower])
            #expect(abs(mean - 7.5) < 1e-6)
        }
        #expect(result.power?.boundary == .boardDC)
        #expect(result.power?.source == "command")
        #expect(!result.flags.contains(.manual))
    }

    /// A Shelly Pro 1PM replaying its real Shelly.GetStatus (47.11 W): wall AC power for every request.
    @Test func aSmartPlugIsPolledOverHTTP() async throws {
        let body = try Fixtures.text("smartplugs-meters/shelly-gen2-Shelly.GetStatus-pro1pm.json")
        let plug = try await SmartPlugTestServer.shellyRPC(shellyStatus: body)
        let result = try await Self.run(power: [.plug(.shellyRPC, url: plug.baseURL)], interval: 0.02)
        await plug.stop()
        #expect(result.status == .completed, "\(result.error ?? "")")
        #expect(result.power?.boundary == .wallAC)
        for request in result.requests {
            let mean = try #require(request.metrics[.meanPower], "\(request.metrics)")
            #expect(abs(mean - 47.11) < 1e-6)
        }
    }

    /// A meter that reads every 100 ms gives a ~0.23 s request fewer than 10 samples. (A manual constant is exact by
    /// declaration and never low_confidence, so a command meter plays the slow one.)
    @Test func aSlowMeterFlagsLowConfidence() async throws {
        let command = "while true; do echo 3; sleep 0.1; done"
        let result = try await Self.run(power: [.command(command, boundary: .boardDC)], interval: 0.1, idle: 0.2)
        #expect(result.requests.allSatisfy { $0.flags.contains(.lowConfidence) })
        #expect(result.flags.contains(.lowConfidence))
    }

    /// Each request takes about 0.23 s: a 1.5 s minimum needs more than the one repetition the plan asks for,
    /// unless one request took over 1.5 s (6× its pace: no loaded machine has stalled that long). The loop
    /// stops at the first request that makes the window long enough, so the requests before it were shorter.
    @Test func aMinimumMeasuredDurationRepeatsRequestsBackToBack() async throws {
        let result = try await Self.run(power: [.manual(watts: 2, boundary: .boardDC)], idle: 0.1, minMeasured: 1.5, repetitions: 1)
        #expect(result.requests.count > 1)
        #expect(result.requests.map(\.index) == Array(0..<result.requests.count))
        let e2e = result.requests.compactMap { $0.metrics[.e2eLatency] }
        #expect(e2e.count == result.requests.count)
        // The measured window (first submission to last completion) is what request_rate divides by.
        let window = Double(result.requests.count) / (try #require(result.summary[.requestRate]?.mean))
        #expect(window >= 1.5, "\(window) s")
        // The window spans at least the requests' e2e sum, so it was still short before the last one.
        #expect(e2e.dropLast().reduce(0, +) < 1.5, "\(e2e) s")
    }

    /// An hour of idle is asked for: a runner that waited it would run into the time limit, one that did not
    /// finishes in the time its requests take. No speed is asserted: the bound is the idle time itself, which
    /// a waiting runner cannot beat however idle the machine is, and a loaded one cannot miss by an hour.
    @Test(.timeLimit(.minutes(10))) func withoutAPowerSourceThereIsNoEnergyAndNoIdleWait() async throws {
        let started = Date()
        let result = try await Self.run(power: [], idle: 3600)
        #expect(Date().timeIntervalSince(started) < 3600)
        #expect(result.power == nil)
        #expect(result.requests.allSatisfy { $0.metrics[.energy] == nil })
        #expect(result.summary[.idlePower] == nil)
    }
}
