import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchPlans
import EdgeBenchRunner
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

/// The methodology's five configurations side by side, each at its own protocol-faithful server: one
/// plan, one bundle, every configuration measured the same way.
@Suite(.serialized)
struct MethodologyTests {
    static let speed = 20.0
    static let tokens = 16

    @Test func fiveConfigurationsOfFourBoardsInOneComparableBundle() async throws {
        let servers = try await MethodologyServers.start(speed: Self.speed, tokens: Self.tokens)
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        // The M5Stack's own meter: a reading off a USB meter's display, for that board only.
        let text = servers.plan(repetitions: 3, warmup: 1, maxTokens: 64).replacingOccurrences(
            of: "device: m5stack-module-llm}", with: "device: m5stack-module-llm, power: [{manual: 1.5, boundary: board_dc}]}")
        let plan = try PlanLoader.parse(text, file: "methodology.yaml", baseDirectory: nil)
        let options = RunOptions(
            outputRoot: output,
            settings: RunSettings(configurationPower: plan.configurationPower(plan.expand()), idleBaseline: .milliseconds(300)))
        let runner = BenchmarkRunner(options: options, reporter: SilentProgress())

        let outcome = try await runner.run(RunPlan(plan, catalog: try DeviceCatalog.bundled()))
        let m5Sessions = await servers.m5stack.openSessions()
        let jetsonLoads = await servers.jetson.loads()
        await servers.stop()
        // the outcome's bundle comes without requests: the store holds them
        let bundle = try outcome.storedBundle()
        #expect(outcome.requestCounts == [3, 3, 3, 3, 3])

        let results = Dictionary(uniqueKeysWithValues: bundle.configurations.map { ($0.engine.adapter + ":" + $0.id, $0) })
        #expect(bundle.configurations.map(\.id) == [
            "pi5-cpu/qwen2.5-1.5b/short", "jetson-cpu/qwen2.5-1.5b/short", "jetson-gpu/qwen2.5-1.5b/short",
            "pi5-hailo/qwen2.5-1.5b/short", "m5stack/qwen2.5-1.5b/short",
        ])
        // Each board from the catalog, as the plan names it; the Jetson's two configurations share one.
        #expect(bundle.configurations.map { $0.device?.id } == [
            "rpi5-8gb", "jetson-orin-nano-super", "jetson-orin-nano-super", "rpi5-8gb-ai-hat-plus-2", "m5stack-module-llm",
        ])
        // Only the M5Stack has a meter: its energy per token is 1.5 W over its requests, the others have none.
        let metered = try #require(bundle.configurations.last)
        #expect(metered.power?.boundary == .boardDC)
        #expect(metered.flags.contains(.manual))
        for request in metered.requests {
            let expected = 1.5 * (request.metrics[.e2eLatency] ?? 0) / (request.metrics[.nOut] ?? 1)
            let measured = try #require(request.metrics[.energyPerToken])
            #expect(abs(measured - expected) / expected < 1e-6)
        }
        #expect(bundle.configurations.dropLast().allSatisfy { $0.power == nil && $0.summary[.energyPerToken] == nil })
        for result in bundle.configurations {
            #expect(result.status == .completed, "\(result.id): \(result.error ?? "")")
            #expect(result.requests.count == 3, "\(result.id)")
            for request in result.requests {
                // Every board: the tokens actually generated (16), never the 64 asked for.
                #expect(request.metrics[.nOut] == Double(Self.tokens), "\(result.id)")
                #expect(request.flags.contains(.stoppedEarly))
                #expect(request.itl.count == Self.tokens - 1)
                // decode_rate is (N_out − 1) over the client's own first-to-last token span
                if let rate = request.metrics[.decodeRate], let span = request.metrics[.decodeTime] {
                    #expect(abs(rate - Double(Self.tokens - 1) / span) < 1e-9 * rate, "\(result.id)")
                } else {
                    Issue.record("\(result.id): no decode_rate or decode_time")
                }
                #expect((request.metrics[.ttft] ?? 0) < (request.metrics[.e2eLatency] ?? 0))
            }
        }
        let ollamaLike = bundle.configurations.filter { $0.engine.adapter != "stackflow" }
        for result in ollamaLike {
            for request in result.requests {
                #expect(request.metrics[.nIn] == 31, "\(result.id): prompt_eval_count")
                // Both rates are there and the server's are believed (a unit mix-up is a factor of 10³–10⁶,
                // which the runner flags). How close the client's rate comes to the server's depends on how
                // late a busy machine delivers the first and last token: a figure for bench/, not a test.
                let client = try #require(request.metrics[.decodeRate])
                let server = try #require(request.metrics[.serverDecodeRate], "\(result.id)")
                #expect(client > 0 && server > 0)
                #expect(!request.flags.contains(.serverTimingImplausible), "\(result.id): \(client) vs \(server) tok/s")
            }
        }

        // Ollama's offload as /api/ps reported it; num_gpu 0 on the Jetson's CPU configuration.
        let jetsonCPU = try #require(results["ollama:jetson-cpu/qwen2.5-1.5b/short"])
        let jetsonGPU = try #require(results["ollama:jetson-gpu/qwen2.5-1.5b/short"])
        #expect(jetsonCPU.engine.offloadFraction == 0)
        #expect(jetsonGPU.engine.offloadFraction == 1)
        #expect(jetsonGPU.engine.offload?.hasPrefix("100% GPU") == true)
        #expect(!jetsonGPU.flags.contains(.partialOffload))
        // Switching num_gpu reloads the model: two loads, each timed as load_time.
        #expect(jetsonLoads == 2)
        #expect((jetsonCPU.summary[.loadTime]?.mean ?? 0) >= 0.4 / Self.speed)
        #expect((jetsonGPU.summary[.loadTime]?.mean ?? 0) >= 0.4 / Self.speed)
        // Both report a decode rate; which is faster is the scripted boards' pace as a loaded machine's sleeps
        // and deliveries render it, so no ratio is asserted (the offload itself is, above).
        #expect(jetsonCPU.summary[.decodeRate]?.mean != nil && jetsonGPU.summary[.decodeRate]?.mean != nil)

        let hailo = try #require(results["hailo-ollama:pi5-hailo/qwen2.5-1.5b/short"])
        #expect(hailo.engine.version == "5.1.1")
        #expect(hailo.model.name == "qwen2.5-instruct:1.5b")

        // StackFlow: no server counts (estimated), the session's setup as load_time, the session closed.
        let m5 = try #require(results["stackflow:m5stack/qwen2.5-1.5b/short"])
        #expect(m5.flags.contains(.estimated))
        #expect(m5.requests.allSatisfy { $0.metrics[.serverDecodeRate] == nil && $0.metrics[.nIn] == nil })
        #expect((m5.summary[.loadTime]?.mean ?? 0) >= 0.4 / Self.speed)
        #expect(m5Sessions.isEmpty)

        // Comparable: every board's pace comes through in the same metric, summarised over its 3 requests.
        // (How near the scripted pace it lands is the machine's business, not the runner's: no bound.)
        for result in bundle.configurations {
            #expect(result.summary[.decodeRate]?.n == 3, "\(result.id)")
        }

        let data = try Data(contentsOf: outcome.directory.appendingPathComponent("bundle.json"))
        let schema = try BundleSchemaValidator.validate(data)
        #expect(schema.valid, "\(schema.output)")
    }

    @Test func aBrokenBoardFailsAloneAndNamesItsEngine() async throws {
        let servers = try await MethodologyServers.start(speed: Self.speed, tokens: 4)
        await servers.hailo.setScript(Script(tokens: ["a", "b", "c", "d"], failure: .truncatedAfter(2)))
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let text = servers.plan(repetitions: 1, warmup: 0, maxTokens: 4)
        let plan = try PlanLoader.parse(text, file: "methodology.yaml", baseDirectory: nil)
        let runner = BenchmarkRunner(options: RunOptions(outputRoot: output), reporter: SilentProgress())

        let outcome = try await runner.run(RunPlan(name: plan.name, text: text, hash: plan.hash, configurations: plan.expand()))
        await servers.stop()

        #expect(outcome.bundle.configurations.map(\.status) == [.completed, .completed, .completed, .failed, .completed])
        let error = try #require(outcome.bundle.configurations[3].error)
        #expect(error.hasPrefix("engine 'pi5-hailo' (hailo-ollama): malformed response from \(servers.hailo.baseURL)/api/chat: expected an NDJSON object from hailo-ollama"), "\(error)")
        #expect(error.contains(#"got: {"model":"qwen2.5-instruct:1.5b","created_at":"2025-06-20T14:35:16.9"#), "\(error)")
    }
}
