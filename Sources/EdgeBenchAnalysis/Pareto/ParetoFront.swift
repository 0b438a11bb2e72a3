import EdgeBenchCore

/// The outcome of a Pareto analysis over some objectives.
public struct ParetoResult: Sendable, Equatable {
    public var objectives: [Objective]
    /// Ids of the non-dominated candidates, in input order.
    public var front: [String]
    /// Each dominated id → one front member that dominates it.
    public var dominated: [String: String]
    /// Ids left out of the comparison → why (a missing or non-finite objective value).
    public var excluded: [String: String]

    public init(objectives: [Objective], front: [String], dominated: [String: String], excluded: [String: String]) {
        self.objectives = objectives
        self.front = front
        self.dominated = dominated
        self.excluded = excluded
    }
}

/// The N-dimensional Pareto front (METRICS.md, Composite decisions).
public enum ParetoFront {
    /// Splits `candidates` into the front, the dominated (each with one dominator) and the excluded.
    ///
    /// A candidate missing a value for any objective is excluded, never compared on a made-up
    /// number. Candidates with identical objective vectors do not dominate each other, so they share
    /// the front. The named dominator is the front member best on the first objective, ties broken
    /// by input order, so the output does not depend on anything but the input.
    public static func compute(_ candidates: [Candidate], objectives: [Objective]) -> ParetoResult {
        var excluded: [String: String] = [:]
        var compared: [(id: String, vector: [Double])] = []
        for candidate in candidates {
            let missing = objectives.filter { candidate.value($0.metric) == nil }.map(\.metric.description)
            if missing.isEmpty {
                compared.append((candidate.id, objectives.map { candidate.value($0.metric) ?? .nan }))
            } else {
                excluded[candidate.id] = "no \(missing.joined(separator: ", no ")) — not compared on a made-up value"
            }
        }

        let directions = objectives.map(\.direction)
        let onFront = compared.indices.map { index in
            !compared.indices.contains { other in
                dominates(compared[other].vector, compared[index].vector, directions)
            }
        }
        let frontIndices = compared.indices.filter { onFront[$0] }

        var dominated: [String: String] = [:]
        for index in compared.indices where !onFront[index] {
            // Transitivity guarantees some front member dominates every dominated candidate.
            let dominators = frontIndices.filter { dominates(compared[$0].vector, compared[index].vector, directions) }
            let best = dominators.min { a, b in
                guard let first = directions.first else { return a < b }
                let va = compared[a].vector[0], vb = compared[b].vector[0]
                if va != vb { return first.isBetter(va, than: vb) }
                return a < b
            }
            if let best { dominated[compared[index].id] = compared[best].id }
        }
        return ParetoResult(
            objectives: objectives,
            front: frontIndices.map { compared[$0].id },
            dominated: dominated,
            excluded: excluded
        )
    }

    /// True when `a` is at least as good as `b` on every objective and strictly better on one.
    public static func dominates(_ a: [Double], _ b: [Double], _ directions: [OptimizationDirection]) -> Bool {
        var strictlyBetter = false
        for (index, direction) in directions.enumerated() {
            if direction.isBetter(b[index], than: a[index]) { return false }
            if direction.isBetter(a[index], than: b[index]) { strictlyBetter = true }
        }
        return strictlyBetter
    }

    /// Candidate-level form of `dominates`; false when either lacks a value for an objective.
    public static func dominates(_ a: Candidate, _ b: Candidate, objectives: [Objective]) -> Bool {
        var va: [Double] = [], vb: [Double] = []
        for objective in objectives {
            guard let x = a.value(objective.metric), let y = b.value(objective.metric) else { return false }
            va.append(x)
            vb.append(y)
        }
        return dominates(va, vb, objectives.map(\.direction))
    }
}
