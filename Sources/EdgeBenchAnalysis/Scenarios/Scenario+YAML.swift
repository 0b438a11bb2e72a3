import EdgeBenchCore
import Yams

extension Scenario {
    /// A user scenario from YAML text (no file I/O here: the caller reads the file):
    ///
    /// ```yaml
    /// name: drone-survey
    /// description: why these weights
    /// weights:
    ///   energy_per_token: 0.5            # direction from the metric's default
    ///   decode_rate: {weight: 0.5, direction: max, why: the crew reads the answers}
    /// constraints: ["mean_power <= 10 W", "mass <= 150 g"]
    /// ```
    public init(yaml: String) throws(ScenarioYAMLError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ScenarioYAMLError(line: nil, field: nil, message: "not valid YAML: \(error)")
        }
        guard let root else {
            throw ScenarioYAMLError(line: nil, field: nil,
                                    message: "a scenario is a mapping with name, description, weights and constraints")
        }
        try self.init(node: root)
    }

    /// One scenario mapping, from a user's file or from the bundled `scenarios.yaml`.
    init(node root: Node) throws(ScenarioYAMLError) {
        guard let mapping = root.mapping else {
            throw ScenarioYAMLError(line: root.mark?.line, field: nil,
                                    message: "a scenario is a mapping with name, description, weights and constraints")
        }
        let known: Set<String> = ["name", "description", "weights", "constraints"]
        for (key, _) in mapping {
            guard let field = key.string, known.contains(field) else {
                throw ScenarioYAMLError(line: key.mark?.line, field: key.string,
                                        message: "unknown field; a scenario has \(known.sorted().joined(separator: ", "))")
            }
        }

        guard let nameNode = mapping["name"] else {
            throw ScenarioYAMLError(line: root.mark?.line, field: "name", message: "missing; give the scenario a name")
        }
        guard let name = nameNode.scalar?.string, !name.isEmpty else {
            throw ScenarioYAMLError(line: nameNode.mark?.line, field: "name", message: "must be a non-empty text")
        }
        var description = ""
        if let node = mapping["description"] {
            guard let text = node.scalar?.string else {
                throw ScenarioYAMLError(line: node.mark?.line, field: "description", message: "must be text")
            }
            description = text
        }

        guard let weightsNode = mapping["weights"] else {
            throw ScenarioYAMLError(line: root.mark?.line, field: "weights",
                                    message: "missing; give at least one metric with a weight, e.g. weights: {decode_rate: 1}")
        }
        let weights = try Self.parseWeights(weightsNode)

        var constraints: [Constraint] = []
        if let node = mapping["constraints"] {
            guard let sequence = node.sequence else {
                throw ScenarioYAMLError(line: node.mark?.line, field: "constraints",
                                        message: "must be a list of texts, e.g. [\"mean_power <= 10 W\"]")
            }
            for (index, item) in sequence.enumerated() {
                guard let text = item.scalar?.string else {
                    throw ScenarioYAMLError(line: item.mark?.line, field: "constraints[\(index)]",
                                            message: "must be a text such as \"mean_power <= 10 W\"")
                }
                do {
                    constraints.append(try Constraint(parsing: text))
                } catch {
                    throw ScenarioYAMLError(line: item.mark?.line, field: "constraints[\(index)]", message: error.description)
                }
            }
        }
        self.init(name: name, description: description, weights: weights, constraints: constraints)
    }

    private static func parseWeights(_ node: Node) throws(ScenarioYAMLError) -> [ScenarioWeight] {
        guard let mapping = node.mapping, !mapping.isEmpty else {
            throw ScenarioYAMLError(line: node.mark?.line, field: "weights",
                                    message: "must map metrics to weights, e.g. {energy_per_token: 0.6, decode_rate: 0.4}")
        }
        var weights: [ScenarioWeight] = []
        for (key, value) in mapping {
            guard let name = key.string, !name.isEmpty else {
                throw ScenarioYAMLError(line: key.mark?.line, field: "weights", message: "a metric name must be text")
            }
            let field = "weights.\(name)"
            let metric: MetricKey
            do { metric = try MetricKey(parsing: name) } catch {
                throw ScenarioYAMLError(line: key.mark?.line, field: field, message: "\(error)")
            }
            var weightNode = value
            var direction = metric.defaultDirection
            var reason: String?
            if let detail = value.mapping {
                for (detailKey, _) in detail where !["weight", "direction", "why"].contains(detailKey.string ?? "") {
                    throw ScenarioYAMLError(line: detailKey.mark?.line, field: field,
                                            message: "unknown key '\(detailKey.string ?? "?")'; use weight, direction and why")
                }
                if let whyNode = detail["why"] {
                    guard let text = whyNode.scalar?.string, !text.isEmpty else {
                        throw ScenarioYAMLError(line: whyNode.mark?.line, field: "\(field).why", message: "must be a text")
                    }
                    reason = text
                }
                guard let inner = detail["weight"] else {
                    throw ScenarioYAMLError(line: value.mark?.line, field: field, message: "missing weight")
                }
                weightNode = inner
                if let directionNode = detail["direction"] {
                    let text = directionNode.string ?? ""
                    do {
                        direction = try Objective(parsing: "\(name):\(text)").direction
                    } catch {
                        throw ScenarioYAMLError(line: directionNode.mark?.line, field: "\(field).direction",
                                                message: "'\(text)' is neither max nor min")
                    }
                }
            }
            guard let weight = weightNode.float, weight.isFinite, weight > 0 else {
                throw ScenarioYAMLError(line: weightNode.mark?.line, field: field,
                                        message: "weight must be a positive number, got '\(weightNode.string ?? "?")'")
            }
            guard let direction else {
                throw ScenarioYAMLError(line: key.mark?.line, field: field,
                                        message: "no default direction for \(name); write {weight: \(DisplayValue.compact(weight)), direction: max|min}")
            }
            weights.append(ScenarioWeight(metric: metric, weight: weight, direction: direction, reason: reason))
        }
        return weights
    }
}

/// What is wrong in a scenario file, and where.
public struct ScenarioYAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line of the offending node, when known.
    public var line: Int?
    /// Dotted path of the offending field (`weights.decode_rate`), when known.
    public var field: String?
    public var message: String

    public init(line: Int?, field: String?, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var location = "scenario"
        if let line { location += " line \(line)" }
        if let field { location += ", field \(field)" }
        return "\(location): \(message)"
    }
}
