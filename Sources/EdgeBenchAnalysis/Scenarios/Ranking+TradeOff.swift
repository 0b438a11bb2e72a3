import EdgeBenchCore
import Foundation

extension Ranking {
    /// The winner against the runner-up in numbers (gains, then what you give up); nil with fewer than two ranked.
    public func tradeOff(candidates: [Candidate]) -> String? {
        guard entries.count >= 2 else { return nil }
        return tradeOff(winner: entries[0].id, runnerUp: entries[1].id, candidates: candidates)
    }

    /// Every dimension "what you give up" looks at, weighted or not: speed, latency, power, energy,
    /// size, mass and cost (METRICS.md ids, each with a default direction).
    public static let tradeOffDimensions: [MetricID] = [
        .ttft, .decodeRate, .e2eThroughput, .meanPower, .energyPerToken, .volume, .mass, .price, .costPerMtok,
        .batteryHours,
    ]

    /// Numbers on why `winner` beats `runnerUp` under this scenario: what it gains on the weighted metrics,
    /// heaviest weight first, then everything it gives up against the runner-up on every measured dimension
    /// (`tradeOffDimensions` and the weighted metrics), weighted or not, with both values, e.g. "jetson-gpu
    /// wins (score 0.82 vs 0.64): 4.1× the decode rate (22.0 vs 5.4 tok/s). What you give up against
    /// pi-hailo: 1.9× the mean power (9.8 vs 5.2 W, not weighted)". Nil when either id is not ranked or not
    /// among `candidates`.
    public func tradeOff(winner: String, runnerUp: String, candidates: [Candidate]) -> String? {
        guard let first = entries.first(where: { $0.id == winner }),
              let second = entries.first(where: { $0.id == runnerUp }),
              let a = candidates.first(where: { $0.id == winner }),
              let b = candidates.first(where: { $0.id == runnerUp })
        else { return nil }

        func phrase(_ metric: MetricKey, _ x: Double, _ y: Double) -> String {
            let label = DisplayValue.label(for: metric)
            let values = DisplayValue.pair(x, y, metric: metric)
            if y != 0, (x / y).isFinite, x / y > 0 { return "\(Self.ratio(x / y)) the \(label) (\(values))" }
            return "\(x > y ? "a higher" : "a lower") \(label) (\(values))"
        }
        var gains: [String] = [], costs: [String] = [], same: [String] = []
        let ordered = scenario.weights.enumerated().sorted {
            $0.element.weight != $1.element.weight ? $0.element.weight > $1.element.weight : $0.offset < $1.offset
        }.map(\.element)
        for weight in ordered {
            guard let x = a.value(weight.metric), let y = b.value(weight.metric) else { continue }
            if x == y {
                same.append("the same \(DisplayValue.label(for: weight.metric)) (\(DisplayValue.string(x, metric: weight.metric)))")
            } else if weight.direction.isBetter(x, than: y) {
                gains.append(phrase(weight.metric, x, y))
            } else {
                costs.append(phrase(weight.metric, x, y))
            }
        }
        let weighted = Set(scenario.weights.map(\.metric))
        for metric in Self.tradeOffDimensions.map({ MetricKey($0) }) where !weighted.contains(metric) {
            guard let direction = metric.defaultDirection, let x = a.value(metric), let y = b.value(metric),
                  direction.isBetter(y, than: x)
            else { continue }
            costs.append(String(phrase(metric, x, y).dropLast()) + ", not weighted)")
        }

        var sentence = "\(winner) \(first.score == second.score ? "ties with \(runnerUp)" : "wins") "
            + "(score \(Self.score(first.score)) vs \(Self.score(second.score)))"
        if !gains.isEmpty { sentence += ": " + Self.list(gains) }
        if !same.isEmpty { sentence += (gains.isEmpty ? ": " : ", with ") + Self.list(same) }
        sentence += ". What you give up against \(runnerUp): "
            + (costs.isEmpty ? "nothing measured — it is no worse on any dimension both have" : Self.list(costs))
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
