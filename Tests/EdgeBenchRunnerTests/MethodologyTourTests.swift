import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchPlans
import EdgeBenchRunner
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

/// The no-board tour: `edgebench-testserver methodology` serves the paper's matrix (every model on every
/// runtime that has it) at each board's pace, with a manual meter per board, and its plan runs as is.
@Suite(.serialized)
struct MethodologyTourTests {
    /// At speed 1 no Ollama board decodes faster than its roofline ceiling (bandwidth ÷ model bytes):
    /// each plays its fixed share of it, for every model, so a report's roofline never shows a test board
    /// above what the real one could do.
    @Test func everyOllamaBoardDecodesAtItsShareOfItsRoofline() throws {
        let boards: [(bandwidth: Double, share: Double)] = [
            (MethodologyServers.pi5Bandwidth, MethodologyServers.pi5RooflineShare),
            (MethodologyServers.jetsonBandwidth, MethodologyServers.jetsonCPURooflineShare),
        ]
        for board in boards {
            let play = MethodologyServers.ollamaPlay(MethodologyModel.paper, bandwidth: board.bandwidth, share: board.share, prefill: 1)
            #expect(play.count == 6)  // every model but OpenBuddy, which Ollama's library does not have
            for model in MethodologyModel.paper {
                guard let tag = model.ollama else { continue }
                let gap = try #require(play[tag]?.delays.last).inSeconds
                let ceiling = board.bandwidth / Double(model.ollamaBytes)
                #expect(abs(1 / gap / ceiling - board.share) < 1e-9, "\(tag)")
            }
        }
        // The Jetson's GPU plays its CPU's pace divided by this: 45 % of the roofline, below it.
        #expect(MethodologyServers.jetsonCPURooflineShare * MethodologyServers.jetsonGPUSpeedup == 0.45)
        // the Pi 5 with Qwen2.5 1.5B (986 MB): ceiling 17.3 tok/s, played at 7.8
        let pi = MethodologyServers.ollamaPlay([.qwen25_1_5b], bandwidth: 17.07e9, share: 0.45, prefill: 1.2)
        #expect(abs(1 / (pi["qwen2.5:1.5b"]?.delays.last?.inSeconds ?? 0) - 7.790) < 0.001)
    }

    /// The plan the tour writes: 7 models × 5 configurations less what a runtime lacks = 28, each served
    /// under its runtime's own name, each board with its manual meter.
    @Test func thePlanIsThePapersMatrixWithEachBoardsMeter() async throws {
        let servers = try await MethodologyServers.start(speed: 50, tokens: 8, models: MethodologyModel.paper)
        let text = servers.plan(repetitions: 5, warmup: 1, maxTokens: 100, models: MethodologyModel.paper, manualPower: true)
        await servers.stop()
        let plan = try PlanLoader.parse(text, file: "methodology.yaml", baseDirectory: nil)
        let configurations = plan.expand()
        #expect(configurations.count == 28)
        let byEngine = Dictionary(grouping: configurations, by: \.engine.name).mapValues { $0.map(\.model.name) }
        #expect(byEngine["pi5-cpu"]?.count == 6 && byEngine["jetson-cpu"]?.count == 6 && byEngine["jetson-gpu"]?.count == 6)
        #expect(byEngine["pi5-hailo"] == ["qwen2.5-1.5b", "qwen2-1.5b", "qwen2.5-coder-1.5b", "deepseek-r1-1.5b", "llama3.2-1b"])
        #expect(byEngine["m5stack"] == ["qwen2.5-0.5b", "qwen2.5-1.5b", "deepseek-r1-1.5b", "llama3.2-1b", "openbuddy-llama3.2-1b"])
        let served = Set(configurations.map { "\($0.engine.name)=\($0.model.served ?? "-")" })
        #expect(served.isSuperset(of: ["pi5-hailo=deepseek_r1:1.5b", "m5stack=qwen2.5-0.5B-prefill-20e", "jetson-gpu=llama3.2:1b"]))
        #expect(configurations.allSatisfy { $0.workload.request.maxTokens == 100 && $0.repetitions == 5 })
        let power = plan.configurationPower(configurations)
        #expect(power["pi5-hailo/deepseek-r1-1.5b/short"] == [.manual(watts: 6.3, boundary: .wallAC)])
        #expect(power["m5stack/openbuddy-llama3.2-1b/short"] == [.manual(watts: 1.5, boundary: .wallAC)])
        #expect(Set(power.keys) == Set(configurations.map(\.id)))
    }

    /// Run as the tour runs (two models, 24 tokens): every configuration gets what it asked for (no
    /// `stopped_early`), energy per token from its meter, and no flag beyond `manual` (and `estimated`
    /// for StackFlow, which reports no counts).
    @Test func theTourGivesEveryConfigurationItsTokensAndItsEnergy() async throws {
        let models: [MethodologyModel] = [.qwen25_0_5b, .qwen25_1_5b]
        let servers = try await MethodologyServers.start(speed: 40, tokens: 1024, models: models)
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let text = servers.plan(repetitions: 5, warmup: 1, maxTokens: 24, models: models, manualPower: true)
        let plan = try PlanLoader.parse(text, file: "methodology.yaml", baseDirectory: nil)
        let options = RunOptions(
            outputRoot: output,
            settings: RunSettings(configurationPower: plan.configurationPower(plan.expand()), idleBaseline: .milliseconds(100)))
        let outcome = try await BenchmarkRunner(options: options, reporter: SilentProgress())
            .run(RunPlan(plan, catalog: try DeviceCatalog.bundled()))
        await servers.stop()
        let bundle = try outcome.storedBundle()

        #expect(bundle.configurations.count == 9)
        for result in bundle.configurations {
            #expect(result.status == .completed, "\(result.id): \(result.error ?? "")")
            #expect(result.requests.map { $0.metrics[.nOut] } == [24, 24, 24, 24, 24], "\(result.id)")
            #expect(result.requests.allSatisfy { !$0.flags.contains(.stoppedEarly) }, "\(result.id)")
            #expect(result.summary[.energyPerToken]?.n == 5, "\(result.id)")
            #expect(result.flags.contains(.manual), "\(result.id)")
            let expected: Set<Flag> = result.engine.adapter == "stackflow" ? [.manual, .estimated] : [.manual]
            // under load a request may also disagree with the server's own timing; those are not the tour's
            let unexpected = Set(result.flags).subtracting(expected).subtracting([.clientServerDisagreement, .unstable])
            #expect(unexpected.isEmpty, "\(result.id): \(unexpected)")
        }
    }
}
