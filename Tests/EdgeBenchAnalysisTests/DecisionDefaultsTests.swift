import EdgeBenchCore
import Testing
@testable import EdgeBenchAnalysis

/// Decisions with no options on data that lacks something (issue 14, "Defaults that answer"): objectives
/// chosen from what the data has, a scenario that ranks what it can and names the values to set, the
/// whole trade-off, and one price basis.
@Suite struct DecisionDefaultsTests {
    typealias F = AnalysisFixtures

    /// Like an import of the paper's CSV: end-to-end figures and power, no decode rate.
    /// energy_per_token = W / (tok/s): Pi 6/6.4 = 0.9375, Hailo 6.3/8 = 0.7875, Jetson 12/22 = 0.5455,
    /// AX630 1.5/3.44 = 0.4360 J/token. Volumes: 80.92, 95.2, 165.9, 37.908 cm³.
    static let imported: [ConfigurationResult] = [
        F.configuration("CPU-Ollama/qwen/paper", device: F.pi5,
                        metrics: [.e2eThroughput: 6.4, .ttft: 0.8, .meanPower: 6.0, .energyPerToken: 6.0 / 6.4]),
        F.configuration("GPU-Hailo-Ollama/qwen/paper", device: F.pi5Hat2,
                        metrics: [.e2eThroughput: 8.0, .ttft: 0.5, .meanPower: 6.3, .energyPerToken: 6.3 / 8]),
        F.configuration("GPU-Ollama/qwen/paper", device: F.jetson,
                        metrics: [.e2eThroughput: 22.0, .ttft: 0.3, .meanPower: 12.0, .energyPerToken: 12.0 / 22]),
        F.configuration("AX630/qwen/paper", device: F.moduleLLM,
                        metrics: [.e2eThroughput: 3.44, .ttft: 1.05, .meanPower: 1.5, .energyPerToken: 1.5 / 3.44]),
    ]

    @Test func objectivesComeFromWhatTheDataHas() {
        let report = Analysis.analyze(Self.imported)
        #expect(report.pareto.objectives.map(\.description) == ["e2e_throughput:max", "energy_per_token:min", "volume:min"])
        #expect(report.objectiveChoice?.reasons == [
            "e2e_throughput:max — in place of decode_rate, which 4 of 4 configurations lack (CPU-Ollama/qwen/paper, "
                + "GPU-Hailo-Ollama/qwen/paper, GPU-Ollama/qwen/paper and 1 more: not measured: the run holds end-to-end "
                + "figures only (an import); run EdgeBench on the board); e2e_throughput counts the TTFT in",
            "energy_per_token:min — every configuration has power measured",
            "volume:min — every configuration's device has dimensions in the catalog or the plan",
            "choose others with --objectives, e.g. --objectives decode_rate:max,energy_per_token:min,volume:min",
        ])
        // every board is best at something: fastest (Jetson), least energy and smallest (AX630), and the two
        // Pis trade speed against size
        #expect(report.pareto.front == Self.imported.map(\.id))
        // equal thirds: AX630 = (0 + 1 + 1) / 3; Jetson = (1 + 0.7818 + 0) / 3
        let balanced = report.balanced
        #expect(balanced?.entries.first?.id == "AX630/qwen/paper")
        #expect(nearly(balanced?.entries.first?.score, 2.0 / 3))
        #expect(balanced?.entries.map(\.id) == [
            "AX630/qwen/paper", "GPU-Ollama/qwen/paper", "GPU-Hailo-Ollama/qwen/paper", "CPU-Ollama/qwen/paper",
        ])
        // a scenario decides instead of the equal weights
        #expect(Analysis.analyze(Self.imported, scenario: .interactive).balanced == nil)
    }

    @Test func anObjectiveSomeConfigurationsLackIsLeftOutNotTheConfigurations() {
        var partial = Self.imported
        partial[3] = F.configuration("AX630/qwen/paper", metrics: [.e2eThroughput: 3.44, .ttft: 1.05, .decodeRate: 3.5])
        let report = Analysis.analyze(partial)
        #expect(report.pareto.objectives.map(\.description) == ["e2e_throughput:max"])
        #expect(report.objectiveChoice?.reasons[1] == "energy_per_token left out — 1 of 4 configurations have none "
            + "(AX630/qwen/paper: no power measured: give a meter (--power-plug, --power-manual, a plan's power:) or, "
            + "on import, --power-watts)")
        #expect(report.objectiveChoice?.reasons[2] == "volume left out — 1 of 4 configurations have none "
            + "(AX630/qwen/paper: no device: the configuration names no catalog device (set device: in the plan, "
            + "--device on a one-off run, or --catalog-device on import))")
        #expect(report.pareto.front == ["GPU-Ollama/qwen/paper"])
        #expect(report.pareto.excluded.isEmpty)
        // objectives given are used as given, and no choice is reported
        let given = Analysis.analyze(partial, objectives: [Objective(metric: "decode_rate", direction: .maximize)])
        #expect(given.objectiveChoice == nil)
        #expect(given.pareto.front == ["AX630/qwen/paper"])
    }

    /// interactive weighs decode_rate and limits it to ≥ 5 tok/s; nobody has it, so e2e_throughput stands in.
    @Test func interactiveRanksAnImportOnTheStandIn() throws {
        let report = Analysis.analyze(Self.imported, scenario: .interactive)
        let ranking = try #require(report.ranking)
        #expect(ranking.scenario.weights.map(\.metric.description) == ["ttft", "e2e_throughput"])
        #expect(ranking.scenario.constraints.map(\.description) == ["e2e_throughput >= 5 tok/s"])
        #expect(ranking.notes == [
            "no configuration has decode_rate; e2e_throughput stands in for it (weight 0.4)",
            "no configuration has decode_rate; decode_rate >= 5 tok/s is checked on e2e_throughput instead",
        ])
        // ttft 0.3…0.8 s (min) and e2e_throughput 6.4…22 tok/s: Jetson 1; Hailo 0.6 × 0.6 + 0.4 × 1.6/15.6
        #expect(ranking.entries.map(\.id) == ["GPU-Ollama/qwen/paper", "GPU-Hailo-Ollama/qwen/paper", "CPU-Ollama/qwen/paper"])
        #expect(nearly(ranking.entries[1].score, 0.36 + 0.4 * 1.6 / 15.6))
        #expect(ranking.excluded == ["AX630/qwen/paper": ["e2e_throughput 3.44 tok/s < 5 tok/s"]])
        // what the Jetson gives up against the Hailo runner-up, though neither power nor volume is weighted
        #expect(ranking.tradeOff(candidates: report.candidates)
            == "GPU-Ollama/qwen/paper wins (score 1.00 vs 0.40): 0.6× the TTFT (300 vs 500 ms) and 2.8× the "
            + "end-to-end throughput (22.0 vs 8.0 tok/s). What you give up against GPU-Hailo-Ollama/qwen/paper: 1.9× "
            + "the mean power (12.0 vs 6.3 W, not weighted) and 1.7× the volume (166 vs 95.2 cm³, not weighted)")
    }

    /// uav weighs mass, which no paper board has: left out with the values to set; the rest still rank.
    @Test func uavLeavesOutTheMassNobodyHasAndSaysWhatToSet() throws {
        var boards = Self.imported
        boards[0].device?.mass = nil  // the Pi's test mass; the catalog has none
        boards[0].device?.missing["mass"] = "Raspberry Pi publishes no mass for the Pi 5"
        let report = Analysis.analyze(boards, scenario: .uav)
        let ranking = try #require(report.ranking)
        #expect(ranking.scenario.weights.map(\.metric.description) == ["energy_per_token", "volume", "e2e_throughput"])
        #expect(ranking.notes.count == 3)
        #expect(ranking.notes[0] == "no configuration has mass, so its weight (0.25) is left out and the others are "
            + "rescaled; to weigh it, set it for each: no mass in catalog entry rpi5-8gb (Raspberry Pi publishes no mass "
            + "for the Pi 5); set mass_g for rpi5-8gb under the plan's devices:; no mass in catalog entry "
            + "rpi5-8gb+ai-hat-plus-2; set mass_g for rpi5-8gb+ai-hat-plus-2 under the plan's devices:; no mass in "
            + "catalog entry jetson-orin-nano-super; set mass_g for jetson-orin-nano-super under the plan's devices:; "
            + "no mass in catalog entry m5stack-module-llm (the vendor publishes none); set mass_g for "
            + "m5stack-module-llm under the plan's devices:")
        #expect(ranking.notes[1] == "no configuration has decode_rate; e2e_throughput stands in for it (weight 0.2)")
        #expect(ranking.notes[2] == "weights sum to 0.75; each is divided by that sum so scores stay within 0…1")
        // energy 0.4, volume 1/3, throughput 4/15 of the score: AX630 = 0.4 + 1/3
        #expect(ranking.entries.map(\.id).first == "AX630/qwen/paper")
        #expect(nearly(ranking.entries.first?.score, 0.4 + 1.0 / 3))
        #expect(ranking.entries.count == 4)
        #expect(ranking.excluded.isEmpty)
    }

    /// A weighted metric some lack: those are excluded with what to set, the others ranked.
    @Test func aValueSomeLackExcludesThemWithWhatToSet() throws {
        let report = Analysis.analyze(Self.imported, scenario: .uav)  // the test Pi 5 has a mass (46 g)
        let ranking = try #require(report.ranking)
        #expect(ranking.entries.map(\.id) == ["CPU-Ollama/qwen/paper"])
        #expect(ranking.excluded["AX630/qwen/paper"] == [
            "no value for mass (no mass in catalog entry m5stack-module-llm (the vendor publishes none); set mass_g for "
                + "m5stack-module-llm under the plan's devices:) — not scored on a made-up value",
        ])
        #expect(ranking.excluded.count == 3)
    }

    /// Each configuration lacks a different weighted metric: rather than nothing, the weights someone lacks go.
    @Test func whenNobodyHasEveryWeightTheWeightsSomeoneLacksAreLeftOut() {
        let scenario = Scenario(name: "s", description: "", weights: [
            ScenarioWeight(metric: "e2e_throughput", weight: 0.5, direction: .maximize),
            ScenarioWeight(metric: "mass", weight: 0.25, direction: .minimize),
            ScenarioWeight(metric: "volume", weight: 0.25, direction: .minimize),
        ])
        let ranking = scenario.rank([
            Candidate(id: "a", metrics: ["e2e_throughput": 10, "mass": 0.1], missing: [.volume: "no dimensions in a"]),
            Candidate(id: "b", metrics: ["e2e_throughput": 5, "volume": 1e-4], missing: [.mass: "no mass in b"]),
        ])
        #expect(ranking.entries.map(\.id) == ["a", "b"])
        #expect(ranking.scenario.weights.map(\.metric.description) == ["e2e_throughput"])
        #expect(ranking.notes.first == "no configuration has every weighted metric, so mass, volume are left out and the "
            + "other weights rescaled; to weigh mass, set it for each: no mass in b; volume, set it for each: no dimensions in a")
    }

    /// A bare import (no power, no devices) under rugged-portable: nothing it weighs exists, so no winner
    /// of score 0, and each note says what to set.
    @Test func nothingWeighedMeasuredRanksNothingAndSaysWhatToSet() {
        let bare = Self.imported.map { F.configuration($0.id, metrics: [.e2eThroughput: $0.summary[.e2eThroughput]!.mean]) }
        let ranking = Analysis.analyze(bare, scenario: .ruggedPortable).ranking
        #expect(ranking?.entries.isEmpty == true)
        #expect(ranking?.notes.count == 4)
        #expect(ranking?.notes[1] == "no configuration has mean_power, so its weight (0.3) is left out and the others "
            + "are rescaled; to weigh it, set it for each: no power measured: give a meter (--power-plug, --power-manual, "
            + "a plan's power:) or, on import, --power-watts")
        #expect(ranking?.notes.last == "no configuration has any metric this scenario weighs, so nothing is ranked")
        // uav still ranks on the throughput that stands in for decode_rate
        let uav = Analysis.analyze(bare, scenario: .uav).ranking
        #expect(uav?.entries.first?.id == "GPU-Ollama/qwen/paper")
        #expect(uav?.scenario.weights.map(\.metric.description) == ["e2e_throughput"])
    }

    @Test func aWinnerNoWorseOnAnythingGivesUpNothing() {
        let scenario = Scenario(name: "s", description: "", weights: [
            ScenarioWeight(metric: "e2e_throughput", weight: 1, direction: .maximize),
        ])
        let pair = [
            Candidate(id: "best", metrics: ["e2e_throughput": 10, "mean_power": 3]),
            Candidate(id: "other", metrics: ["e2e_throughput": 5, "mean_power": 4]),
        ]
        #expect(scenario.rank(pair).tradeOff(candidates: pair)
            == "best wins (score 1.00 vs 0.00): 2.0× the end-to-end throughput (10.0 vs 5.0 tok/s). What you give up "
            + "against other: nothing measured — it is no worse on any dimension both have")
    }

    // MARK: - price basis

    static func priced(_ id: String, board: Double?, kit: Double?) -> Device {
        Device(id: id, name: id, price: board.map { Device.Price(usd: $0) }, kitPrice: kit.map { Device.Price(usd: $0) })
    }

    @Test func oneBasisForEveryComparedDevice() {
        let pi8 = Self.priced("rpi5-8gb", board: 80, kit: 222.75)
        let pi16 = Self.priced("rpi5-16gb", board: 120, kit: nil)
        let module = Self.priced("m5stack-module-llm", board: nil, kit: 99.9)
        #expect(PriceBasis.choose(for: [pi8, module]) == (.kit, "every compared device has a kit price as benchmarked"))
        #expect(PriceBasis.choose(for: [pi8, pi16, pi8]) == (.board, "rpi5-16gb has no kit price as benchmarked"))
        #expect(PriceBasis.choose(for: []) == (.board, "no compared device has a price"))

        // the Pi 5 8 GB kit against the bare 16 GB board: both on the board price, $80 and $120
        let report = Analysis.analyze([
            F.configuration("a/m/w", device: pi8, metrics: [.e2eThroughput: 8]),
            F.configuration("b/m/w", device: pi16, metrics: [.e2eThroughput: 12]),
        ])
        #expect(report.priceBasis == .board)
        #expect(report.configurations.map { $0.metrics[.price] } == [80, 120])
        #expect(report.configurations.map { $0.metrics[.throughputPerDollar] } == [8.0 / 80, 12.0 / 120])
        // with the module, whose only price is its kit's, every device has a kit price
        let kits = Analysis.analyze([
            F.configuration("a/m/w", device: pi8, metrics: [.e2eThroughput: 8]),
            F.configuration("c/m/w", device: module, metrics: [.e2eThroughput: 3.44]),
        ])
        #expect(kits.priceBasis == .kit)
        #expect(kits.configurations.map { $0.metrics[.price] } == [222.75, 99.9])
        // on the board basis the module has no price, and says which value to set
        #expect(DerivedMetrics.compute(for: F.configuration("c/m/w", device: module), parameters: .init())[.price]
            == .notAvailable("no board price in catalog entry m5stack-module-llm; set price_usd for m5stack-module-llm "
                + "under the plan's devices:"))
    }
}
