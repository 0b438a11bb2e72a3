import EdgeBenchCore

extension Scenario {
    /// Measured metrics another one may stand in for when no compared configuration has them, best
    /// first. `e2e_throughput` counts the TTFT in, so it is never above the decode rate: a
    /// `decode_rate >= X` limit checked on it is stricter, never looser.
    static let standIns: [MetricID: [MetricID]] = [
        .decodeRate: [.serverDecodeRate, .e2eThroughput],
    ]

    /// This scenario as it can rank `candidates`: a weighted metric or a limit that no candidate has is
    /// checked on its stand-in where one exists (`decode_rate` → `e2e_throughput` on imports); a weighted
    /// metric with neither is left out, the other weights rescaled, and a note names the values to set.
    func resolved(for candidates: [Candidate]) -> (scenario: Scenario, notes: [String]) {
        guard !candidates.isEmpty else { return (self, []) }
        func anyHas(_ key: MetricKey) -> Bool { candidates.contains { $0.value(key) != nil } }
        func standIn(for key: MetricKey) -> MetricKey? {
            guard !anyHas(key) else { return nil }
            return (Self.standIns[key.metric] ?? []).map { MetricKey($0, key.statistic) }.first(where: anyHas)
        }
        var resolved = self
        var notes: [String] = []
        resolved.weights = []
        for weight in weights {
            if anyHas(weight.metric) {
                resolved.weights.append(weight)
            } else if let other = standIn(for: weight.metric) {
                var substitute = weight
                substitute.metric = other
                substitute.direction = other.defaultDirection ?? weight.direction
                resolved.weights.append(substitute)
                notes.append(
                    "no configuration has \(weight.metric); \(other) stands in for it (weight \(DisplayValue.compact(weight.weight)))")
            } else {
                notes.append(
                    "no configuration has \(weight.metric), so its weight (\(DisplayValue.compact(weight.weight))) is left "
                        + "out and the others are rescaled; to weigh it, \(Self.whatToSet(weight.metric, candidates))")
            }
        }
        resolved.constraints = constraints.map { constraint in
            guard let other = standIn(for: constraint.metric) else { return constraint }
            var substitute = constraint
            substitute.metric = other
            notes.append("no configuration has \(constraint.metric); \(constraint) is checked on \(other) instead")
            return substitute
        }
        return (resolved, notes)
    }

    /// "set: rpi5-8gb: no mass in catalog entry …" — each distinct reason once, so one catalog entry
    /// shared by several configurations is named once.
    static func whatToSet(_ metric: MetricKey, _ candidates: [Candidate]) -> String {
        var seen: [String] = []
        for candidate in candidates {
            let why = candidate.missing[metric.metric] ?? "\(candidate.id) has none"
            if !seen.contains(why) { seen.append(why) }
        }
        return "set it for each: " + seen.joined(separator: "; ")
    }
}
