import Foundation

extension Ranking {
    /// The winner against the runner-up in one sentence of numbers; nil with fewer than two ranked.
    public func tradeOff(candidates: [Candidate]) -> String? {
        guard entries.count >= 2 else { return nil }
        return tradeOff(winner: entries[0].id, runnerUp: entries[1].id, candidates: candidates)
    }

    /// One sentence of numbers on why `winner` beats `runnerUp` under this scenario: what it gains on the
    /// weighted metrics and what it pays for that, heaviest weight first, e.g. "jetson-gpu wins (score
    /// 0.82 vs 0.64): 4.1× the decode rate (22.0 vs 5.4 tok/s) for 2.3× the mean power (9.8 vs 4.2 W)".
    /// Nil when either id is not ranked or not among `candidates`.
    public func tradeOff(winner: String, runnerUp: String, candidates: [Candidate]) -> String? {
        guard let first = entries.first(where: { $0.id == winner }),
              let second = entries.first(where: { $0.id == runnerUp }),
              let a = candidates.first(where: { $0.id == winner }),
              let b = candidates.first(where: { $0.id == runnerUp })
        else { return nil }

        var gains: [String] = [], costs: [String] = [], same: [String] = []
        let ordered = scenario.weights.enumerated().sorted {
            $0.element.weight != $1.element.weight ? $0.element.weight > $1.element.weight : $0.offset < $1.offset
        }.map(\.element)
        for weight in ordered {
            guard let x = a.value(weight.metric), let y = b.value(weight.metric) else { continue }
            let label = DisplayValue.label(for: weight.metric)
            let values = DisplayValue.pair(x, y, metric: weight.metric)
            if x == y {
                same.append("the same \(label) (\(DisplayValue.string(x, metric: weight.metric)))")
                continue
            }
            let phrase: String
            if y != 0, (x / y).isFinite, x / y > 0 {
                phrase = "\(Self.ratio(x / y)) the \(label) (\(values))"
            } else {
                phrase = "\(x > y ? "a higher" : "a lower") \(label) (\(values))"
            }
            if weight.direction.isBetter(x, than: y) { gains.append(phrase) } else { costs.append(phrase) }
        }

        let head = "\(winner) \(first.score == second.score ? "ties with \(runnerUp)" : "wins") "
            + "(score \(Self.score(first.score)) vs \(Self.score(second.score)))"
        var sentence = head
        if !gains.isEmpty {
            sentence += ": " + Self.list(gains)
            sentence += costs.isEmpty ? " at no cost on the other weighted metrics" : " for " + Self.list(costs)
        } else if !costs.isEmpty {
            sentence += " despite " + Self.list(costs)
        }
        if !same.isEmpty { sentence += (gains.isEmpty && costs.isEmpty ? ": " : ", with ") + Self.list(same) }
        return sentence
    }

    /// "4.1×", or two significant figures below 1 ("0.43×") so a saving never rounds to "0.0×".
    static func ratio(_ value: Double) -> String {
        (value >= 1 ? DisplayValue.readable(value) : DisplayValue.compact(value, significantDigits: 2)) + "×"
    }

    static func score(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
