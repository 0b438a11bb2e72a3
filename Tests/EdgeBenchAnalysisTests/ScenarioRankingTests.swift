import EdgeBenchCore
import Testing
@testable import EdgeBenchAnalysis

@Suite struct ScenarioRankingTests {
    private func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= 1e-12
    }

    /// Three boards: fast and big, frugal and small, and one in between.
    private let trio = [
        Candidate(id: "fast", metrics: ["decode_rate": 20, "energy_per_token": 1.0, "volume": 200e-6]),
        Candidate(id: "frugal", metrics: ["decode_rate": 5, "energy_per_token": 0.2, "volume": 50e-6]),
        Candidate(id: "mid", metrics: ["decode_rate": 10, "energy_per_token": 0.6, "volume": 100e-6]),
    ]

    private func scenario(decode: Double, energy: Double, volume: Double) -> Scenario {
        Scenario(name: "test", description: "hand-checked", weights: [
            ScenarioWeight(metric: "decode_rate", weight: decode, direction: .maximize),
            ScenarioWeight(metric: "energy_per_token", weight: energy, direction: .minimize),
            ScenarioWeight(metric: "volume", weight: volume, direction: .minimize),
        ])
    }

    @Test func handComputedScores() {
        // decode_rate 5…20: fast 1, mid 1/3, frugal 0. energy 0.2…1.0 (min): fast 0, mid 0.5, frugal 1.
        // volume 50…200 cm³ (min): fast 0, mid 2/3, frugal 1.
        // fast = 0.6; mid = 0.6/3 + 0.3×0.5 + 0.1×2/3 = 0.41667; frugal = 0.3 + 0.1 = 0.4.
        let ranking = scenario(decode: 0.6, energy: 0.3, volume: 0.1).rank(trio)
        #expect(ranking.entries.map(\.id) == ["fast", "mid", "frugal"])
        #expect(close(ranking.entries[0].score, 0.6))
        #expect(close(ranking.entries[1].score, 0.2 + 0.15 + 0.1 * 2 / 3))
        #expect(close(ranking.entries[2].score, 0.4))
        #expect(close(ranking.entries[1].contributions["decode_rate"], 0.2))
        #expect(close(ranking.entries[1].contributions["energy_per_token"], 0.15))
        #expect(close(ranking.entries[1].contributions["volume"], 0.1 * 2 / 3))
        #expect(ranking.excluded.isEmpty)
        #expect(ranking.notes.isEmpty)
    }

    @Test func moreWeightOnEnergyMovesTheFrugalCandidateUp() {
        let speedFirst = scenario(decode: 0.6, energy: 0.3, volume: 0.1).rank(trio)
        let energyFirst = scenario(decode: 0.3, energy: 0.6, volume: 0.1).rank(trio)
        // frugal = 0.6 + 0.1 = 0.7; mid = 0.1 + 0.3 + 0.0667 = 0.4667; fast = 0.3.
        #expect(speedFirst.entries.map(\.id) == ["fast", "mid", "frugal"])
        #expect(energyFirst.entries.map(\.id) == ["frugal", "mid", "fast"])
        #expect(close(energyFirst.entries[0].score, 0.7))
    }

    @Test func constraintsExcludeExactlyWhatTheyShould() throws {
        let limits = Scenario(
            name: "limits", description: "hard limits only",
            weights: [ScenarioWeight(metric: "decode_rate", weight: 1, direction: .maximize)],
            constraints: [try Constraint(parsing: "mean_power <= 10 W"), try Constraint(parsing: "volume <= 200 cm3"),
                          try Constraint(parsing: "mass <= 150 g")])
        let candidates = [
            Candidate(id: "inside", metrics: ["decode_rate": 4, "mean_power": 5, "volume": 100e-6, "mass": 0.1]),
            Candidate(id: "hungry", metrics: ["decode_rate": 9, "mean_power": 12.3, "volume": 100e-6, "mass": 0.1]),
            Candidate(id: "bulky", metrics: ["decode_rate": 9, "mean_power": 5, "volume": 250e-6, "mass": 0.2]),
            Candidate(id: "unmeasured", metrics: ["decode_rate": 9, "mean_power": 5, "mass": 0.1]),
            Candidate(id: "on-the-limit", metrics: ["decode_rate": 6, "mean_power": 10, "volume": 200e-6, "mass": 0.15]),
            Candidate(id: "no-rate", metrics: ["mean_power": 5, "volume": 100e-6, "mass": 0.1]),
        ]
        let ranking = limits.rank(candidates)
        #expect(ranking.entries.map(\.id) == ["on-the-limit", "inside"])
        #expect(ranking.excluded == [
            "hungry": ["mean_power 12.3 W > 10 W"],
            "bulky": ["volume 250 cm³ > 200 cm³", "mass 200 g > 150 g"],
            "unmeasured": ["no value for volume — cannot check volume <= 200 cm³"],
            "no-rate": ["no value for decode_rate — not scored on a made-up value"],
        ])
    }

    @Test func equalValuesAllScoreOneAndSaySo() {
        let flat = Scenario(name: "flat", description: "", weights: [
            ScenarioWeight(metric: "decode_rate", weight: 0.5, direction: .maximize),
            ScenarioWeight(metric: "mean_power", weight: 1.5, direction: .minimize),
        ])
        let ranking = flat.rank([
            Candidate(id: "b", metrics: ["decode_rate": 5, "mean_power": 4]),
            Candidate(id: "a", metrics: ["decode_rate": 5, "mean_power": 2]),
        ])
        // weights rescaled to 0.25 / 0.75; decode equal → 1 each.
        #expect(ranking.entries.map(\.id) == ["a", "b"])
        #expect(close(ranking.entries[0].score, 1))
        #expect(close(ranking.entries[1].score, 0.25))
        #expect(ranking.notes == [
            "weights sum to 2; each is divided by that sum so scores stay within 0…1",
            "all 2 ranked candidates have the same decode_rate (5.0 tok/s); each gets 1 for it",
        ])
    }

    @Test func presetsLoadWithWeightsSummingToOne() throws {
        #expect(Scenario.presetNames == ["uav", "rugged-portable", "ot-gateway", "interactive"])
        for preset in Scenario.presets {
            #expect(abs(preset.totalWeight - 1) < 1e-12, "\(preset.name) weights sum to \(preset.totalWeight)")
            #expect(Scenario.named(preset.name) == preset)
            #expect(!preset.description.isEmpty)
            // The numbers live in the weights alone: a description that restated one could drift from it.
            #expect(preset.description.range(of: #"\b0\.\d"#, options: .regularExpression) == nil, "\(preset.description)")
            for weight in preset.weights {
                #expect(weight.metric.defaultDirection == weight.direction)
                #expect(weight.reason?.isEmpty == false, "\(preset.name).\(weight.metric) says why it has its share")
            }
        }
        #expect(Scenario.named("UAV")?.name == "uav")
        #expect(Scenario.named("nope") == nil)
        #expect(Scenario.named(nil) == nil)
        #expect(Scenario.interactive.constraints == [try Constraint(parsing: "decode_rate >= 5 tok/s")])
        #expect(Scenario.named("rugged-portable")?.weights.map(\.metric) == ["battery_hours", "mean_power", "volume"])
        // Every printed ranking starts with the weights and constraints it used.
        #expect(Array(Scenario.interactive.summaryLines.dropFirst()) == [
            "weights: ttft 0.6 (min: the wait for the first token is what a person notices most); "
                + "decode_rate 0.4 (max: then the streaming speed)",
            "constraints: decode_rate >= 5 tok/s",
        ])
    }

    @Test func interactiveExcludesDecodeSlowerThanReading() {
        let ranking = Scenario.interactive.rank([
            Candidate(id: "module", metrics: ["ttft": 0.4, "decode_rate": 3.44]),
            Candidate(id: "jetson", metrics: ["ttft": 0.2, "decode_rate": 22]),
            Candidate(id: "pi", metrics: ["ttft": 0.9, "decode_rate": 6]),
        ])
        #expect(ranking.entries.map(\.id) == ["jetson", "pi"])
        #expect(ranking.excluded == ["module": ["decode_rate 3.44 tok/s < 5 tok/s"]])
    }

    @Test func parsesAYAMLScenario() throws {
        let yaml = """
        name: drone-survey
        description: survey flights on a small quadcopter
        weights:
          energy_per_token: 0.5
          decode_rate: {weight: 0.3, direction: max, why: the crew reads the answers}
          mass: 0.2
        constraints: ["mean_power <= 10 W", "mass <= 150 g"]
        """
        let scenario = try Scenario(yaml: yaml)
        #expect(scenario.name == "drone-survey")
        #expect(scenario.description == "survey flights on a small quadcopter")
        #expect(scenario.weights == [
            ScenarioWeight(metric: "energy_per_token", weight: 0.5, direction: .minimize),
            ScenarioWeight(metric: "decode_rate", weight: 0.3, direction: .maximize, reason: "the crew reads the answers"),
            ScenarioWeight(metric: "mass", weight: 0.2, direction: .minimize),
        ])
        #expect(scenario.constraints.map(\.description) == ["mean_power <= 10 W", "mass <= 150 g"])
        #expect(scenario.constraints[1].threshold == 0.15)
    }

    /// The bundled format is a list of scenario files; its errors carry the line in the whole file.
    @Test func aScenarioListNamesTheLineOfItsMistake() {
        let twice = """
        scenarios:
          - name: a
            weights: {decode_rate: 1}
          - name: a
            weights: {ttft: 1}
        """
        #expect(throws: ScenarioYAMLError(line: 4, field: "name", message: "'a' is listed twice")) {
            try Scenario.list(yaml: twice)
        }
        let badWhy = "scenarios:\n  - name: a\n    weights: {decode_rate: {weight: 1, why: [x]}}\n"
        #expect(throws: ScenarioYAMLError(line: 3, field: "weights.decode_rate.why", message: "must be a text")) {
            try Scenario.list(yaml: badWhy)
        }
    }

    @Test func yamlErrorsNameLineAndField() {
        let badWeight = """
        name: x
        weights:
          decode_rate: fast
        """
        #expect(throws: ScenarioYAMLError(line: 3, field: "weights.decode_rate",
                                          message: "weight must be a positive number, got 'fast'")) {
            try Scenario(yaml: badWeight)
        }
        let badConstraint = """
        name: x
        weights: {decode_rate: 1}
        constraints:
          - "mean_power <= 10 W"
          - "mass <= 3 lb"
        """
        #expect(throws: ScenarioYAMLError(line: 5, field: "constraints[1]", message: ConstraintError.unknownUnit(
            text: "mass <= 3 lb", unit: "lb", metric: "mass", known: ["g", "kg"]).description)) {
            try Scenario(yaml: badConstraint)
        }
        let typo = "name: x\nweigths: {decode_rate: 1}\n"
        #expect(throws: ScenarioYAMLError(line: 2, field: "weigths",
                                          message: "unknown field; a scenario has constraints, description, name, weights")) {
            try Scenario(yaml: typo)
        }
        let noDirection = "name: x\nweights:\n  n_out: 1\n"
        #expect(throws: ScenarioYAMLError(line: 3, field: "weights.n_out",
                                          message: "no default direction for n_out; write {weight: 1, direction: max|min}")) {
            try Scenario(yaml: noDirection)
        }
        let unknown = "name: x\nweights:\n  made_up: 1\n"
        #expect(throws: ScenarioYAMLError(line: 3, field: "weights.made_up",
                                          message: MetricKeyError.unknownMetric("made_up").description)) {
            try Scenario(yaml: unknown)
        }
        #expect(ScenarioYAMLError(line: 3, field: "weights.decode_rate", message: "weight must be a positive number, got 'fast'")
            .description == "scenario line 3, field weights.decode_rate: weight must be a positive number, got 'fast'")
    }

    @Test func tradeOffSentence() throws {
        let scenario = Scenario(name: "pair", description: "", weights: [
            ScenarioWeight(metric: "decode_rate", weight: 0.6, direction: .maximize),
            ScenarioWeight(metric: "mean_power", weight: 0.25, direction: .minimize),
            ScenarioWeight(metric: "volume", weight: 0.15, direction: .minimize),
        ])
        let candidates = [
            Candidate(id: "pi-cpu", metrics: ["decode_rate": 5.4, "mean_power": 4.2, "volume": 105e-6]),
            Candidate(id: "jetson-gpu", metrics: ["decode_rate": 22.0, "mean_power": 9.8, "volume": 166e-6]),
        ]
        let ranking = scenario.rank(candidates)
        #expect(ranking.tradeOff(candidates: candidates)
            == "jetson-gpu wins (score 0.60 vs 0.40): 4.1× the decode rate (22.0 vs 5.4 tok/s). What you give up against "
                + "pi-cpu: 2.3× the mean power (9.8 vs 4.2 W) and 1.6× the volume (166 vs 105 cm³)")

        // A frugal winner: its savings read as fractions, latencies in ms.
        let frugal = Scenario(name: "frugal", description: "", weights: [
            ScenarioWeight(metric: "energy_per_token", weight: 0.7, direction: .minimize),
            ScenarioWeight(metric: "ttft", weight: 0.3, direction: .minimize),
        ])
        let pair = [
            Candidate(id: "hailo", metrics: ["energy_per_token": 0.12, "ttft": 0.45]),
            Candidate(id: "pi-cpu", metrics: ["energy_per_token": 0.48, "ttft": 0.3]),
        ]
        #expect(frugal.rank(pair).tradeOff(candidates: pair)
            == "hailo wins (score 0.70 vs 0.30): 0.25× the energy per token (0.12 vs 0.48 J/token). What you give up "
                + "against pi-cpu: 1.5× the TTFT (450 vs 300 ms)")
        #expect(frugal.rank(pair).tradeOff(winner: "hailo", runnerUp: "absent", candidates: pair) == nil)
    }
}
