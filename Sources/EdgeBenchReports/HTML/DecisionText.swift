import EdgeBenchAnalysis
import EdgeBenchCore

/// The analysis's decisions in plain sentences with numbers, shared by the HTML and Markdown reports.
enum DecisionText {
    /// "decode rate 200 tok/s, energy per token 0.082 J/token, volume 166 cm³": a candidate on the objectives.
    static func values(_ id: String, objectives: [Objective], analysis: AnalysisReport) -> String {
        guard let candidate = analysis.candidates.first(where: { $0.id == id }) else { return "" }
        return objectives.compactMap { objective in
            candidate.value(objective.metric).map {
                "\(DisplayValue.label(for: objective.metric)) \(DisplayValue.string($0, metric: objective.metric))"
            }
        }.joined(separator: ", ")
    }

    /// One sentence per front member, then who dominates whom, then who could not be compared.
    static func front(_ analysis: AnalysisReport) -> [String] {
        let pareto = analysis.pareto
        let objectives = pareto.objectives.map(\.description).joined(separator: ", ")
        guard !pareto.front.isEmpty else {
            return ["No configuration has a value for every objective (\(objectives)), so there is no Pareto front."]
        }
        var lines: [String] = []
        if let choice = analysis.objectiveChoice {
            lines.append("Objectives chosen from the data: " + choice.reasons.joined(separator: "; ") + ".")
        }
        lines += pareto.front.map { id in
            "\(id) is on the Pareto front: \(values(id, objectives: pareto.objectives, analysis: analysis))."
        }
        for id in analysis.candidates.map(\.id) {
            if let by = pareto.dominated[id] {
                lines.append("\(id) is dominated by \(by): \(values(id, objectives: pareto.objectives, analysis: analysis)).")
            }
        }
        for id in analysis.candidates.map(\.id) {
            if let why = pareto.excluded[id] { lines.append("\(id) is not compared: \(why).") }
        }
        return lines
    }

    /// The answer to "which configuration should I deploy, and what do I give up?": the scenario's winner
    /// and its trade-off when a scenario ranked them, else each front member's best and worst objective.
    static func recommendation(_ analysis: AnalysisReport) -> [String] {
        if let ranking = analysis.ranking {
            guard let winner = ranking.entries.first else {
                return ["No configuration qualifies under scenario \(ranking.scenario.name): "
                    + (ranking.notes.first ?? "every one was excluded") + "."]
            }
            var lines = ["Deploy \(winner.id) for scenario \(ranking.scenario.name) (score \(score(winner.score)) of 1)."]
            if let tradeOff = ranking.tradeOff(candidates: analysis.candidates) {
                lines.append(tradeOff + ".")
            } else {
                lines.append("It is the only configuration ranked, so there is no runner-up to weigh it against.")
            }
            return lines
        }
        let pareto = analysis.pareto
        guard !pareto.front.isEmpty else {
            return ["No recommendation: nothing could be compared on every objective. Measure power and give device "
                + "dimensions (or pick other objectives with --objectives)."]
        }
        if pareto.front.count == 1, let only = pareto.front.first {
            return ["Deploy \(only): no other compared configuration beats it on any objective "
                + "(\(pareto.objectives.map(\.description).joined(separator: ", "))); you give up nothing on these."]
        }
        var lines = ["No scenario was given, so there is no single winner: each front member below is the best "
            + "choice for some priority. Rank them with --scenario (\(Scenario.presetNames.joined(separator: ", ")))."]
        for id in pareto.front {
            lines.append("\(id): " + bestAndWorst(id, analysis: analysis) + ".")
        }
        if let balanced = analysis.balanced, let first = balanced.entries.first {
            lines.append("With the objectives weighed equally, deploy \(first.id) (score \(score(first.score)) of 1).")
            if let tradeOff = balanced.tradeOff(candidates: analysis.candidates) { lines.append(tradeOff + ".") }
        }
        return lines
    }

    /// "best decode rate (210 tok/s) of the front; gives up volume (166 cm³), the worst of the front".
    static func bestAndWorst(_ id: String, analysis: AnalysisReport) -> String {
        let pareto = analysis.pareto
        let members = analysis.candidates.filter { pareto.front.contains($0.id) }
        guard let candidate = members.first(where: { $0.id == id }) else { return "" }
        var best: [String] = [], worst: [String] = []
        for objective in pareto.objectives {
            let values = members.compactMap { $0.value(objective.metric) }
            guard let mine = candidate.value(objective.metric), let low = values.min(), let high = values.max(),
                low != high
            else { continue }
            let shown = "\(DisplayValue.label(for: objective.metric)) (\(DisplayValue.string(mine, metric: objective.metric)))"
            let isBest = objective.direction == .maximize ? mine == high : mine == low
            let isWorst = objective.direction == .maximize ? mine == low : mine == high
            if isBest { best.append(shown) }
            if isWorst { worst.append(shown) }
        }
        if best.isEmpty && worst.isEmpty { return "neither best nor worst of the front on any objective: the middle choice" }
        var parts: [String] = []
        if !best.isEmpty { parts.append("best " + prose(best) + " of the front") }
        parts.append(worst.isEmpty ? "gives up nothing: worst of the front on no objective"
            : "gives up " + prose(worst) + ", the worst of the front")
        return parts.joined(separator: "; ")
    }

    /// "a", "a and b", "a, b and c".
    static func prose(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// The top of the ranking, best first: "1. id — score 0.82".
    static func rankingTop(_ analysis: AnalysisReport, count: Int = 5) -> [String] {
        guard let ranking = analysis.ranking else { return [] }
        return ranking.entries.prefix(count).enumerated().map { index, entry in
            "\(index + 1). \(entry.id) — score \(score(entry.score))"
        }
    }

    static func score(_ value: Double) -> String { value.isFinite ? String(format: "%.2f", value) : "n/a" }
}
