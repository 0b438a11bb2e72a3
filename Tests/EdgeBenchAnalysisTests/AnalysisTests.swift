import EdgeBenchCore
import Testing
@testable import EdgeBenchAnalysis

@Suite struct AnalysisTests {
    typealias F = AnalysisFixtures

    /// Five completed configurations and one failed one. On decode_rate:max, energy_per_token:min,
    /// volume:min (volumes: Pi 5 8.092e-5 m³, Pi 5 + HAT 9.52e-5 m³, Jetson 1.659e-4 m³):
    /// - pi5-cpu (5 tok/s, 2.4 J/token) has the smallest volume → front
    /// - pi5-hat (7 tok/s, 0.12 J/token) has the least energy → front
    /// - jetson-gpu (20 tok/s, 0.15 J/token) is fastest → front
    /// - jetson-cpu (4 tok/s, 1.2 J/token, Jetson volume) is beaten on all three by jetson-gpu (and pi5-hat);
    ///   the named dominator is the front member best on the first objective: jetson-gpu
    /// - module-llm has no energy → excluded from the front, never compared on a made-up value
    static let configurations: [ConfigurationResult] = [
        F.configuration(
            "ollama/llama3.2-1b/short", device: F.pi5,
            metrics: [.decodeRate: 5, .energyPerToken: 2.4, .e2eThroughput: 4.5, .ttft: 0.8], p90: [.ttft: 1.1]),
        F.configuration(
            "hailo-ollama/llama3.2-1b/short", device: F.pi5Hat2,
            metrics: [.decodeRate: 7, .energyPerToken: 0.12, .e2eThroughput: 6.5, .ttft: 0.4]),
        F.configuration(
            "ollama-gpu/llama3.2-1b/short", device: F.jetson,
            metrics: [.decodeRate: 20, .energyPerToken: 0.15, .e2eThroughput: 18, .ttft: 0.1], offloadFraction: 1),
        F.configuration(
            "ollama-cpu/llama3.2-1b/short", device: F.jetson,
            metrics: [.decodeRate: 4, .energyPerToken: 1.2, .e2eThroughput: 3.8, .ttft: 0.9], offloadFraction: 0),
        F.configuration(
            "llamacpp/llama3.2-1b/short", device: F.pi5, status: .failed,
            error: "llama-server did not become healthy within 120 s; check its log"),
        F.configuration("stackflow/qwen2.5-0.5b/short", device: F.moduleLLM, metrics: [.decodeRate: 3.5, .e2eThroughput: 3.44]),
    ]

    static func objectives() throws -> [Objective] { try Objective.parseList(Analysis.defaultObjectives) }

    @Test func paretoFrontOfTheCraftedRun() throws {
        let report = Analysis.analyze(Self.configurations, objectives: try Self.objectives())
        #expect(
            report.pareto.front
                == ["ollama/llama3.2-1b/short", "hailo-ollama/llama3.2-1b/short", "ollama-gpu/llama3.2-1b/short"])
        #expect(report.pareto.dominated == ["ollama-cpu/llama3.2-1b/short": "ollama-gpu/llama3.2-1b/short"])
        #expect(Array(report.pareto.excluded.keys) == ["stackflow/qwen2.5-0.5b/short"])
    }

    @Test func onlyCompletedConfigurationsAreComparedAndFailuresKeepTheirError() throws {
        let report = Analysis.analyze(Self.configurations, objectives: try Self.objectives())
        #expect(report.configurations.count == 5)
        #expect(!report.candidates.contains { $0.id == "llamacpp/llama3.2-1b/short" })
        #expect(
            report.failed
                == [
                    FailedConfiguration(
                        id: "llamacpp/llama3.2-1b/short", status: "failed",
                        error: "llama-server did not become healthy within 120 s; check its log"),
                ])
    }

    @Test func acceleratorGainsOfBothBoards() throws {
        let report = Analysis.analyze(Self.configurations, objectives: try Self.objectives())
        // Pi 5: 2.4 ÷ 0.12 = 20×; Jetson: 1.2 ÷ 0.15 = 8×
        let gains = Dictionary(uniqueKeysWithValues: report.acceleratorGains.map { ($0.board, $0.gain.number ?? 0) })
        #expect(gains.count == 2)
        #expect(nearly(gains["rpi5-8gb"], 20))
        #expect(nearly(gains["jetson-orin-nano-super"], 8))
        let hat = report.configurations.first { $0.id == "hailo-ollama/llama3.2-1b/short" }
        #expect(nearly(hat?.metrics["accelerator_gain"], 20))
        let cpu = report.configurations.first { $0.id == "ollama/llama3.2-1b/short" }
        #expect(
            cpu?.notAvailable[.acceleratorGain]
                == "the CPU side of a pair: the gain is reported on the accelerated configuration")
    }

    @Test func candidatesCarryMeansStatisticsAndDerivedValues() throws {
        let report = Analysis.analyze(Self.configurations, objectives: try Self.objectives())
        let pi5 = try #require(report.candidates.first { $0.id == "ollama/llama3.2-1b/short" })
        #expect(pi5.metrics["ttft"] == 0.8)
        #expect(pi5.metrics["ttft.p90"] == 1.1)
        // 4.5 tok/s ÷ (0.085 × 0.056 × 0.017 m³ = 8.092e-5 m³) = 55 610.5 tok/s/m³
        #expect(nearly(pi5.metrics["throughput_density"], 4.5 / 8.092e-5))
        #expect(nearly(pi5.metrics["volume"], 8.092e-5))
        // Module LLM: n/a values are absent from the candidate, their reasons kept on the configuration
        let module = try #require(report.configurations.first { $0.id == "stackflow/qwen2.5-0.5b/short" })
        #expect(module.candidate.metrics["mass"] == nil)
        #expect(module.notAvailable[.mass] == "no mass in catalog entry m5stack-module-llm (the vendor publishes none); set mass_g for m5stack-module-llm under the plan's devices:")
        #expect(module.notAvailable[.costPerMtok] == "no energy measured: no power source was read")
    }

    @Test func parametersInEffectAreMarkedWhenDefault() throws {
        let report = Analysis.analyze(
            Self.configurations, parameters: AnalysisParameters(electricityPricePerKWh: 0.30),
            objectives: try Self.objectives())
        let byName = Dictionary(uniqueKeysWithValues: report.parameters.map { ($0.name, $0) })
        #expect(byName["lifetime_hours"]?.value == 26_280)
        #expect(byName["lifetime_hours"]?.isDefault == true)
        #expect(byName["electricity_price_per_kwh"]?.value == 0.30)
        #expect(byName["electricity_price_per_kwh"]?.isDefault == false)
        #expect(byName["battery_j"]?.value == nil)
    }

    @Test func repeatedIdsAcrossRunsAreKeptApart() throws {
        let environment = Environment(
            hostname: "pi", board: nil, cpuModel: nil, cpuCores: 4, memoryBytes: nil, os: nil, kernel: nil,
            architecture: nil)
        let first = ResultBundle(
            run: RunInfo(id: "run-1", startedAt: "2026-11-01T10:00:00Z", edgebenchVersion: "0.1.0", planHash: "a"),
            environment: environment, configurations: [Self.configurations[0]])
        let second = ResultBundle(
            run: RunInfo(id: "run-2", startedAt: "2026-11-02T10:00:00Z", edgebenchVersion: "0.1.0", planHash: "a"),
            environment: environment, configurations: [Self.configurations[0]],
            analysis: AnalysisParameters(lifetimeHours: 1000))
        let report = Analysis.analyze(bundles: [first, second], objectives: try Self.objectives())
        #expect(report.configurations.map(\.id) == ["ollama/llama3.2-1b/short", "ollama/llama3.2-1b/short@run-2"])
        #expect(report.parameters.first?.value == 1000)
    }

    @Test func rankingUnderAScenarioWithAConstraint() throws {
        // ttft.p90 <= 1 s removes pi5-cpu (1.1 s); module-llm has no energy_per_token, so it is not ranked.
        // decode_rate 4…20 tok/s: hat (7−4)/16 = 0.1875, gpu 1, jetson-cpu 0
        // energy_per_token 0.12…1.2 J/token: hat 1, gpu (1.2−0.15)/1.08 = 0.97222, jetson-cpu 0
        // scores (0.5 each): gpu 0.98611, hat 0.59375, jetson-cpu 0
        let scenario = Scenario(
            name: "test", description: "speed and energy",
            weights: [
                ScenarioWeight(metric: "decode_rate", weight: 0.5, direction: .maximize),
                ScenarioWeight(metric: "energy_per_token", weight: 0.5, direction: .minimize),
            ],
            constraints: [try Constraint(parsing: "ttft.p90 <= 1 s")])
        let report = Analysis.analyze(Self.configurations, objectives: try Self.objectives(), scenario: scenario)
        let ranking = try #require(report.ranking)
        #expect(
            ranking.entries.map(\.id)
                == ["ollama-gpu/llama3.2-1b/short", "hailo-ollama/llama3.2-1b/short", "ollama-cpu/llama3.2-1b/short"])
        #expect(nearly(ranking.entries.first?.score, 0.5 + 0.5 * 1.05 / 1.08))
        #expect(nearly(ranking.entries[1].score, 0.59375))
        #expect(Set(ranking.excluded.keys) == ["ollama/llama3.2-1b/short", "stackflow/qwen2.5-0.5b/short"])
    }
}
