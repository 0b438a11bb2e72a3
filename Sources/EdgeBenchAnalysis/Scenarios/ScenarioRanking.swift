import EdgeBenchCore

/// One ranked configuration.
public struct RankingEntry: Sendable, Equatable {
    public var id: String
    /// Σ weight × normalised value, 0…1.
    public var score: Double
    /// Each weighted metric → weight × its normalised value (they add up to `score`).
    public var contributions: [MetricKey: Double]

    public init(id: String, score: Double, contributions: [MetricKey: Double]) {
        self.id = id
        self.score = score
        self.contributions = contributions
    }
}

/// A scenario's verdict on a set of candidates.
public struct Ranking: Sendable, Equatable {
    public var scenario: Scenario
    /// Best first; equal scores in id order.
    public var entries: [RankingEntry]
    /// Ids not ranked → every reason (failed constraints, missing weighted metrics).
    public var excluded: [String: [String]]
    /// Remarks on how the scores were made (equal values, rescaled weights, nothing left to rank).
    public var notes: [String]

    public init(scenario: Scenario, entries: [RankingEntry], excluded: [String: [String]], notes: [String]) {
        self.scenario = scenario
        self.entries = entries
        self.excluded = excluded
        self.notes = notes
    }
}

extension Scenario {
    /// Ranks `candidates`: constraints filter first, then each weighted metric is min–max normalised
    /// across the remaining candidates in its direction (1 = best, 0 = worst) and weighted.
    ///
    /// A weighted metric or limit no candidate has is checked on its stand-in, or left out with a note
    /// naming the values to set (`resolved(for:)`); the ranking's `scenario` is the one that ranked. A
    /// candidate lacking a weighted metric others have is excluded rather than scored on a made-up value;
    /// if that would leave nothing, the weights someone lacks are left out instead, said in a note. If the
    /// weights do not sum to 1 they are rescaled so scores stay in 0…1, and a note says so.
    public func rank(_ candidates: [Candidate]) -> Ranking {
        let (scenario, notes) = resolved(for: candidates)
        guard !scenario.weights.isEmpty || weights.isEmpty else {
            // every score would be 0: a "winner" of nothing measured is no answer
            return Ranking(scenario: scenario, entries: [], excluded: [:], notes: notes + [
                "no configuration has any metric this scenario weighs, so nothing is ranked",
            ])
        }
        var ranking = scenario.rankResolved(candidates)
        if ranking.entries.isEmpty {
            let qualified = candidates.filter { candidate in scenario.constraints.allSatisfy { $0.check(candidate) == nil } }
            let lacking = scenario.weights.filter { weight in qualified.contains { $0.value(weight.metric) == nil } }
            var fewer = scenario
            fewer.weights.removeAll { weight in lacking.contains(weight) }
            if !qualified.isEmpty, !lacking.isEmpty, !fewer.weights.isEmpty {
                ranking = fewer.rankResolved(candidates)
                ranking.notes.insert(
                    "no configuration has every weighted metric, so \(lacking.map(\.metric.description).joined(separator: ", ")) "
                        + "\(lacking.count == 1 ? "is" : "are") left out and the other weights rescaled; to weigh "
                        + lacking.map { weight in
                            "\(weight.metric), \(Self.whatToSet(weight.metric, qualified.filter { $0.value(weight.metric) == nil }))"
                        }.joined(separator: "; "), at: 0)
            }
        }
        ranking.notes = notes + ranking.notes
        return ranking
    }

    func rankResolved(_ candidates: [Candidate]) -> Ranking {
        var excluded: [String: [String]] = [:]
        var remaining: [Candidate] = []
        for candidate in candidates {
            var reasons = constraints.compactMap { $0.check(candidate) }.map(\.reason)
            for weight in weights where candidate.value(weight.metric) == nil {
                reasons.append(candidate.absence(weight.metric) + " — not scored on a made-up value")
            }
            if reasons.isEmpty { remaining.append(candidate) } else { excluded[candidate.id] = reasons }
        }

        var notes: [String] = []
        let total = totalWeight
        if total > 0, abs(total - 1) > 1e-9 {
            notes.append("weights sum to \(DisplayValue.compact(total, significantDigits: 6)); each is divided by that sum so scores stay within 0…1")
        }
        if remaining.isEmpty {
            notes.append(candidates.isEmpty ? "no candidates to rank" : "no candidate met every constraint with every weighted metric present")
            return Ranking(scenario: self, entries: [], excluded: excluded, notes: notes)
        }

        var contributions = Array(repeating: [MetricKey: Double](), count: remaining.count)
        for weight in weights {
            let share = total > 0 ? weight.weight / total : 0
            let values = remaining.map { $0.value(weight.metric) ?? .nan }
            let low = values.min() ?? 0, high = values.max() ?? 0
            if high == low {
                let shown = DisplayValue.string(low, metric: weight.metric)
                notes.append(remaining.count == 1
                    ? "only \(remaining[0].id) is ranked; it gets 1 for \(weight.metric) (\(shown))"
                    : "all \(remaining.count) ranked candidates have the same \(weight.metric) (\(shown)); each gets 1 for it")
            }
            for index in remaining.indices {
                let normalised: Double
                if high == low {
                    normalised = 1
                } else if weight.direction == .maximize {
                    normalised = (values[index] - low) / (high - low)
                } else {
                    normalised = (high - values[index]) / (high - low)
                }
                contributions[index][weight.metric, default: 0] += share * normalised
            }
        }

        let entries = remaining.indices.map { index in
            RankingEntry(id: remaining[index].id, score: contributions[index].values.reduce(0, +),
                         contributions: contributions[index])
        }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return Ranking(scenario: self, entries: entries, excluded: excluded, notes: notes)
    }
}
