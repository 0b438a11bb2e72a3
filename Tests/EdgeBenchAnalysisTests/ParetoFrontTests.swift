import EdgeBenchCore
import Testing
@testable import EdgeBenchAnalysis

@Suite struct ParetoFrontTests {
    private func candidate(_ id: String, _ metrics: [MetricKey: Double]) -> Candidate {
        Candidate(id: id, metrics: metrics)
    }

    // MARK: objectives

    @Test func parsesObjectivesWithAndWithoutDirections() throws {
        let list = try Objective.parseList("decode_rate:max, energy_per_token:min,volume, ttft.p90, decode_rate.cv")
        #expect(list == [
            Objective(metric: "decode_rate", direction: .maximize),
            Objective(metric: "energy_per_token", direction: .minimize),
            Objective(metric: "volume", direction: .minimize),
            Objective(metric: "ttft.p90", direction: .minimize),
            Objective(metric: "decode_rate.cv", direction: .minimize),
        ])
        #expect(try Objective(parsing: "roofline_efficiency:Maximise").direction == .maximize)
        #expect(MetricKey(.batteryHours).defaultDirection == .maximize)
        #expect(MetricKey(.costPerMtok).defaultDirection == .minimize)
        #expect(MetricKey(.throughputDensity).defaultDirection == .maximize)
        #expect(MetricKey(.nOut).defaultDirection == nil)
        #expect(MetricKey(.decodeRate, .cv).defaultDirection == .minimize)
    }

    @Test func objectiveErrorsSayWhatToWrite() {
        #expect(throws: ObjectiveError.badDirection(text: "decode_rate:up", direction: "up")) {
            try Objective(parsing: "decode_rate:up")
        }
        #expect(throws: ObjectiveError.emptyMetric(text: ":max")) { try Objective(parsing: ":max") }
        #expect(throws: ObjectiveError.noDefaultDirection(metric: "n_out")) { try Objective(parsing: "n_out") }
        #expect(throws: ObjectiveError.unknownMetric(text: "made_up:max", .unknownMetric("made_up"))) {
            try Objective(parsing: "made_up:max")
        }
        #expect(throws: ObjectiveError.unknownMetric(text: "ttft.p95", .unknownStatistic(key: "ttft.p95", statistic: "p95"))) {
            try Objective(parsing: "ttft.p95")
        }
        #expect(throws: ObjectiveError.emptyList) { try Objective.parseList(" , ") }
        #expect(ObjectiveError.badDirection(text: "decode_rate:up", direction: "up").description
            == "objective 'decode_rate:up': direction 'up' is neither max nor min; write e.g. decode_rate:max or energy_per_token:min")
    }

    // MARK: hand-made fronts

    @Test func twoDimensionalFront() {
        // decode_rate (max) × energy_per_token (min):
        // a (10, 1.0) b (5, 0.5) c (4, 0.6) — dominated by b — d (8, 1.2) — dominated by a — e (2, 0.2)
        let set = [
            candidate("a", ["decode_rate": 10, "energy_per_token": 1.0]),
            candidate("b", ["decode_rate": 5, "energy_per_token": 0.5]),
            candidate("c", ["decode_rate": 4, "energy_per_token": 0.6]),
            candidate("d", ["decode_rate": 8, "energy_per_token": 1.2]),
            candidate("e", ["decode_rate": 2, "energy_per_token": 0.2]),
        ]
        let result = ParetoFront.compute(set, objectives: [
            Objective(metric: "decode_rate", direction: .maximize),
            Objective(metric: "energy_per_token", direction: .minimize),
        ])
        #expect(result.front == ["a", "b", "e"])
        #expect(result.dominated == ["c": "b", "d": "a"])
        #expect(result.excluded.isEmpty)
    }

    @Test func namedDominatorIsTheFrontMemberBestOnTheFirstObjective() {
        // z is dominated by x (9, 1) and y (7, 0.5); x is better on decode_rate, so x is named.
        let set = [
            candidate("y", ["decode_rate": 7, "energy_per_token": 0.5]),
            candidate("x", ["decode_rate": 9, "energy_per_token": 1]),
            candidate("z", ["decode_rate": 6, "energy_per_token": 2]),
        ]
        let objectives = [Objective(metric: "decode_rate", direction: .maximize),
                          Objective(metric: "energy_per_token", direction: .minimize)]
        #expect(ParetoFront.compute(set, objectives: objectives).dominated == ["z": "x"])
        // Equal on the first objective: input order decides.
        let tied = [
            candidate("p", ["decode_rate": 9, "energy_per_token": 1]),
            candidate("q", ["decode_rate": 9, "energy_per_token": 0.9]),
            candidate("r", ["decode_rate": 9, "energy_per_token": 2]),
        ]
        // p is dominated by q (same rate, less energy); r by both p and q, but only q is on the front.
        let result = ParetoFront.compute(tied, objectives: objectives)
        #expect(result.front == ["q"])
        #expect(result.dominated == ["p": "q", "r": "q"])
    }

    @Test func fourDimensionalFront() throws {
        let objectives = try Objective.parseList("decode_rate:max,energy_per_token:min,volume:min,roofline_efficiency:max")
        let set = [
            // fast and big
            candidate("jetson", ["decode_rate": 22, "energy_per_token": 0.45, "volume": 166e-6, "roofline_efficiency": 0.62]),
            // slow, frugal, small
            candidate("module", ["decode_rate": 3.4, "energy_per_token": 0.3, "volume": 37.9e-6, "roofline_efficiency": 0.55]),
            // most accurate, otherwise worst
            candidate("pi-q8", ["decode_rate": 3.0, "energy_per_token": 1.6, "volume": 200e-6, "roofline_efficiency": 0.70]),
            // worse than jetson everywhere
            candidate("pi-q4", ["decode_rate": 5.4, "energy_per_token": 0.9, "volume": 200e-6, "roofline_efficiency": 0.60]),
            // equals module on three axes, worse on roofline_efficiency
            candidate("module-q2", ["decode_rate": 3.4, "energy_per_token": 0.3, "volume": 37.9e-6, "roofline_efficiency": 0.40]),
        ]
        let result = ParetoFront.compute(set, objectives: objectives)
        #expect(result.front == ["jetson", "module", "pi-q8"])
        #expect(result.dominated == ["pi-q4": "jetson", "module-q2": "module"])
    }

    @Test func identicalVectorsShareTheFront() throws {
        let objectives = try Objective.parseList("decode_rate,energy_per_token")
        let set = [
            candidate("twin-a", ["decode_rate": 5, "energy_per_token": 1]),
            candidate("twin-b", ["decode_rate": 5, "energy_per_token": 1]),
            candidate("worse", ["decode_rate": 5, "energy_per_token": 1.5]),
        ]
        let result = ParetoFront.compute(set, objectives: objectives)
        #expect(result.front == ["twin-a", "twin-b"])
        #expect(result.dominated == ["worse": "twin-a"])
    }

    @Test func missingAndNonFiniteValuesAreExcludedNotGuessed() throws {
        let objectives = try Objective.parseList("decode_rate,energy_per_token,volume")
        let set = [
            candidate("measured", ["decode_rate": 5, "energy_per_token": 1, "volume": 1e-4]),
            // would dominate everything if its missing energy were taken as 0
            candidate("no-meter", ["decode_rate": 50, "volume": 1e-5]),
            candidate("nan", ["decode_rate": 50, "energy_per_token": .nan, "volume": 1e-5]),
            candidate("bare", ["decode_rate": .infinity]),
        ]
        let result = ParetoFront.compute(set, objectives: objectives)
        #expect(result.front == ["measured"])
        #expect(result.dominated.isEmpty)
        #expect(result.excluded == [
            "no-meter": "no energy_per_token — not compared on a made-up value",
            "nan": "no energy_per_token — not compared on a made-up value",
            "bare": "no decode_rate, no energy_per_token, no volume — not compared on a made-up value",
        ])
    }

    // MARK: properties over seeded random sets

    /// Knuth's MMIX LCG: the same sets on every machine and every run.
    private struct LCG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        /// A small integer grid value so that ties happen often.
        mutating func grid(_ levels: UInt64) -> Double { Double(next() % levels) }
    }

    @Test func randomSetsSatisfyTheFrontProperties() {
        var random = LCG(state: 0x5EED)
        let names: [MetricKey] = ["decode_rate", "energy_per_token", "volume", "roofline_efficiency"]
        var checkedSets = 0, frontTotal = 0, dominatedTotal = 0, excludedTotal = 0
        for round in 0..<300 {
            let dimensions = 1 + Int(random.next() % 4)
            let objectives = names.prefix(dimensions).enumerated().map { index, metric in
                Objective(metric: metric, direction: index.isMultiple(of: 2) ? .maximize : .minimize)
            }
            let count = 1 + Int(random.next() % 25)
            let set = (0..<count).map { index in
                var metrics: [MetricKey: Double] = [:]
                for metric in names where random.next() % 10 != 0 {  // ~10 % missing
                    metrics[metric] = random.grid(6)
                }
                return Candidate(id: "r\(round)-\(index)", metrics: metrics)
            }
            let result = ParetoFront.compute(set, objectives: objectives)
            let byID = Dictionary(uniqueKeysWithValues: set.map { ($0.id, $0) })
            let compared = set.filter { result.excluded[$0.id] == nil }

            // Every candidate is in exactly one of front, dominated, excluded.
            #expect(result.front.count + result.dominated.count + result.excluded.count == count)
            for member in set where result.excluded[member.id] != nil {
                #expect(objectives.contains { member.value($0.metric) == nil })
            }
            // No front member is dominated by any compared candidate.
            for id in result.front {
                guard let member = byID[id] else { Issue.record("unknown front id \(id)"); continue }
                #expect(!compared.contains { ParetoFront.dominates($0, member, objectives: objectives) })
            }
            // Every dominated member's named dominator dominates it and is on the front.
            for (id, dominatorID) in result.dominated {
                guard let member = byID[id], let dominator = byID[dominatorID] else {
                    Issue.record("unknown id \(id) or \(dominatorID)"); continue
                }
                #expect(ParetoFront.dominates(dominator, member, objectives: objectives))
                #expect(result.front.contains(dominatorID))
            }
            checkedSets += 1
            frontTotal += result.front.count
            dominatedTotal += result.dominated.count
            excludedTotal += result.excluded.count
        }
        #expect(checkedSets == 300)
        // The sets exercise every branch: plenty of each outcome (exact counts for this seed).
        #expect(frontTotal > 300 && dominatedTotal > 300 && excludedTotal > 100,
                "front \(frontTotal), dominated \(dominatedTotal), excluded \(excludedTotal)")
    }
}
