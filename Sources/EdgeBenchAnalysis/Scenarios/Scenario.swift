import EdgeBenchCore

/// One weighted metric of a scenario.
public struct ScenarioWeight: Sendable, Equatable {
    public var metric: MetricKey
    /// Share of the score, 0…1; a scenario's weights sum to 1 (ranking rescales them if not).
    public var weight: Double
    public var direction: OptimizationDirection
    /// Why the metric has this share, printed beside it (the YAML's `why`).
    public var reason: String?

    public init(metric: MetricKey, weight: Double, direction: OptimizationDirection, reason: String? = nil) {
        self.metric = metric
        self.weight = weight
        self.direction = direction
        self.reason = reason
    }

    /// Takes the direction from `MetricKey.defaultDirection`; nil for a metric with none known.
    public init?(metric: MetricKey, weight: Double) {
        guard let direction = metric.defaultDirection else { return nil }
        self.init(metric: metric, weight: weight, direction: direction)
    }
}

/// A use case to rank configurations for: hard constraints first, then a weighted score
/// (METRICS.md, Composite decisions).
public struct Scenario: Sendable, Equatable {
    public var name: String
    /// What the scenario is for and why its weights and limits are what they are; printed with rankings.
    public var description: String
    public var weights: [ScenarioWeight]
    public var constraints: [Constraint]

    public init(name: String, description: String, weights: [ScenarioWeight], constraints: [Constraint] = []) {
        self.name = name
        self.description = description
        self.weights = weights
        self.constraints = constraints
    }

    public var totalWeight: Double { weights.reduce(0) { $0 + $1.weight } }

    /// Weights and constraints in one line each, for the header of every printed ranking.
    public var summaryLines: [String] {
        let weightText = weights.map { weight in
            "\(weight.metric) \(DisplayValue.compact(weight.weight)) (\(weight.direction.rawValue)"
                + (weight.reason.map { ": \($0)" } ?? "") + ")"
        }
        var lines = ["scenario \(name): \(description)", "weights: " + weightText.joined(separator: "; ")]
        lines.append("constraints: " + (constraints.isEmpty ? "none" : constraints.map(\.description).joined(separator: "; ")))
        return lines
    }
}
