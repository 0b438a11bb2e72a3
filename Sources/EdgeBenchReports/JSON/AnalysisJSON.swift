import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation

/// `--json`: every configuration's metrics by METRICS.md id in SI units, n/a reasons, the front, the gains,
/// the ranking (null without a scenario) and the parameters used.
public enum AnalysisJSON {
    struct Document: Encodable {
        var configurations: [ConfigurationJSON]
        var failed: [FailedJSON]
        var pareto: [String]
        var objectives: [String]
        /// how the objectives were chosen from the data; null when given with --objectives
        var objectiveChoice: [String]?
        /// without a scenario: the front ranked with the objectives weighed equally
        var balanced: RankingJSON?
        /// "kit" or "board": the price every cost figure used
        var priceBasis: String
        var priceBasisReason: String
        var dominated: [String: String]
        var notCompared: [String: String]
        var acceleratorGains: [GainJSON]
        var ranking: RankingJSON?
        var parameters: [String: ParameterJSON]
        var notes: [String]

        enum CodingKeys: String, CodingKey {
            case configurations, failed, pareto, objectives, dominated, balanced
            case objectiveChoice = "objective_choice"
            case priceBasis = "price_basis"
            case priceBasisReason = "price_basis_reason"
            case notCompared = "not_compared"
            case acceleratorGains = "accelerator_gains"
            case ranking, parameters, notes
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(configurations, forKey: .configurations)
            try c.encode(failed, forKey: .failed)
            try c.encode(pareto, forKey: .pareto)
            try c.encode(objectives, forKey: .objectives)
            try c.encode(objectiveChoice, forKey: .objectiveChoice)
            try c.encode(balanced, forKey: .balanced)
            try c.encode(priceBasis, forKey: .priceBasis)
            try c.encode(priceBasisReason, forKey: .priceBasisReason)
            try c.encode(dominated, forKey: .dominated)
            try c.encode(notCompared, forKey: .notCompared)
            try c.encode(acceleratorGains, forKey: .acceleratorGains)
            try c.encode(ranking, forKey: .ranking)  // null without a scenario, so the key is always there
            try c.encode(parameters, forKey: .parameters)
            try c.encode(notes, forKey: .notes)
        }
    }

    struct ConfigurationJSON: Encodable {
        var id: String
        var device: String?
        var deviceName: String?
        var engine: String
        var engineKind: String
        var model: String
        var quantisation: String?
        var metrics: [String: Double]
        var notAvailable: [String: String]
        var flags: [String]
        var notes: [String]

        enum CodingKeys: String, CodingKey {
            case id, device
            case deviceName = "device_name"
            case engine
            case engineKind = "engine_kind"
            case model, quantisation, metrics
            case notAvailable = "not_available"
            case flags, notes
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(device, forKey: .device)
            try c.encodeIfPresent(deviceName, forKey: .deviceName)
            try c.encode(engine, forKey: .engine)
            try c.encode(engineKind, forKey: .engineKind)
            try c.encode(model, forKey: .model)
            try c.encodeIfPresent(quantisation, forKey: .quantisation)
            try c.encode(metrics, forKey: .metrics)
            try c.encode(notAvailable, forKey: .notAvailable)
            try c.encode(flags, forKey: .flags)
            try c.encode(notes, forKey: .notes)
        }
    }

    struct FailedJSON: Encodable {
        var id: String
        var status: String
        var error: String
    }

    struct GainJSON: Encodable {
        var board: String
        var model: String
        var workload: String
        var cpu: String
        var accelerated: String
        var gain: Double?
        var reason: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(board, forKey: .board)
            try c.encode(model, forKey: .model)
            try c.encode(workload, forKey: .workload)
            try c.encode(cpu, forKey: .cpu)
            try c.encode(accelerated, forKey: .accelerated)
            try c.encode(gain, forKey: .gain)
            try c.encodeIfPresent(reason, forKey: .reason)
        }

        enum CodingKeys: String, CodingKey { case board, model, workload, cpu, accelerated, gain, reason }
    }

    struct RankingJSON: Encodable {
        struct Weight: Encodable {
            var metric: String
            var weight: Double
            var direction: String
        }
        struct Entry: Encodable {
            var id: String
            var score: Double
            var contributions: [String: Double]
        }
        var scenario: String
        var description: String
        var weights: [Weight]
        var constraints: [String]
        var entries: [Entry]
        var excluded: [String: [String]]
        var notes: [String]
        var tradeOff: String?

        enum CodingKeys: String, CodingKey {
            case scenario, description, weights, constraints, entries, excluded, notes
            case tradeOff = "trade_off"
        }
    }

    struct ParameterJSON: Encodable {
        var value: Double?
        var unit: String
        var isDefault: Bool

        enum CodingKeys: String, CodingKey {
            case value, unit
            case isDefault = "default"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(value, forKey: .value)
            try c.encode(unit, forKey: .unit)
            try c.encode(isDefault, forKey: .isDefault)
        }
    }

    /// JSON object keys are the metric keys as users write them (`ttft`, `ttft.p90`).
    static func byName<Key: CustomStringConvertible, Value>(_ values: [Key: Value]) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: values.map { ($0.key.description, $0.value) })
    }

    static func document(_ report: AnalysisReport) -> Document {
        let configurations = report.configurations.map { c in
            ConfigurationJSON(
                id: c.id, device: c.deviceID, deviceName: c.deviceName, engine: c.engineName, engineKind: c.engineKind,
                model: c.model, quantisation: c.quantisation, metrics: byName(c.metrics.filter { $0.value.isFinite }),
                notAvailable: byName(c.notAvailable), flags: c.flags, notes: c.derived.notes)
        }
        let ranking = report.ranking.map { rankingJSON($0, report) }
        return Document(
            configurations: configurations,
            failed: report.failed.map { FailedJSON(id: $0.id, status: $0.status, error: $0.error) },
            pareto: report.pareto.front, objectives: report.pareto.objectives.map(\.description),
            objectiveChoice: report.objectiveChoice?.reasons, balanced: report.balanced.map { rankingJSON($0, report) },
            priceBasis: report.priceBasis.rawValue, priceBasisReason: report.priceBasisReason,
            dominated: report.pareto.dominated, notCompared: report.pareto.excluded,
            acceleratorGains: report.acceleratorGains.map {
                GainJSON(
                    board: $0.board, model: $0.model, workload: $0.workload, cpu: $0.cpuConfiguration,
                    accelerated: $0.acceleratedConfiguration, gain: $0.gain.number, reason: $0.gain.reason)
            },
            ranking: ranking,
            parameters: Dictionary(
                uniqueKeysWithValues: report.parameters.map {
                    ($0.name, ParameterJSON(value: $0.value, unit: $0.unit, isDefault: $0.isDefault))
                }),
            notes: report.notes)
    }

    static func rankingJSON(_ r: Ranking, _ report: AnalysisReport) -> RankingJSON {
        RankingJSON(
            scenario: r.scenario.name, description: r.scenario.description,
            weights: r.scenario.weights.map { .init(metric: $0.metric.description, weight: $0.weight, direction: $0.direction.rawValue) },
            constraints: r.scenario.constraints.map(\.description),
            entries: r.entries.map { .init(id: $0.id, score: $0.score, contributions: byName($0.contributions)) },
            excluded: r.excluded, notes: r.notes, tradeOff: r.tradeOff(candidates: report.candidates))
    }

    public static func encode(_ report: AnalysisReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document(report))
    }
}
