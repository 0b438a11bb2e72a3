import EdgeBenchCore
import Foundation

/// One axis of a Pareto front: a metric key and the direction in which it improves.
public struct Objective: Sendable, Equatable, CustomStringConvertible {
    public var metric: MetricKey
    public var direction: OptimizationDirection

    public init(metric: MetricKey, direction: OptimizationDirection) {
        self.metric = metric
        self.direction = direction
    }

    /// `decode_rate:max`, `energy_per_token:min`, or a bare metric (`decode_rate`), which takes
    /// its direction from `MetricKey.defaultDirection`.
    public init(parsing text: String) throws(ObjectiveError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts[0].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .emptyMetric(text: text) }
        let metric: MetricKey
        do { metric = try MetricKey(parsing: name) } catch { throw .unknownMetric(text: text, error) }
        if parts.count == 2 {
            let word = parts[1].trimmingCharacters(in: .whitespaces).lowercased()
            guard let direction = Self.directionWords[word] else {
                throw .badDirection(text: text, direction: String(parts[1]))
            }
            self.init(metric: metric, direction: direction)
        } else {
            guard let direction = metric.defaultDirection else {
                throw .noDefaultDirection(metric: name)
            }
            self.init(metric: metric, direction: direction)
        }
    }

    /// A comma-separated list: `decode_rate:max,energy_per_token:min,volume`.
    public static func parseList(_ text: String) throws(ObjectiveError) -> [Objective] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard items.contains(where: { !$0.isEmpty }) else { throw .emptyList }
        var objectives: [Objective] = []
        for item in items {
            objectives.append(try Objective(parsing: item))
        }
        return objectives
    }

    public var description: String { "\(metric):\(direction.rawValue)" }

    private static let directionWords: [String: OptimizationDirection] = [
        "max": .maximize, "maximize": .maximize, "maximise": .maximize, "high": .maximize,
        "min": .minimize, "minimize": .minimize, "minimise": .minimize, "low": .minimize,
    ]
}

/// Why an objective could not be read.
public enum ObjectiveError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyMetric(text: String)
    case badDirection(text: String, direction: String)
    case unknownMetric(text: String, MetricKeyError)
    case noDefaultDirection(metric: String)
    case emptyList

    public var description: String {
        switch self {
        case .emptyMetric(let text):
            "objective '\(text)' has no metric name; write it as METRIC:max or METRIC:min, e.g. decode_rate:max"
        case .badDirection(let text, let direction):
            "objective '\(text)': direction '\(direction)' is neither max nor min; write e.g. decode_rate:max or energy_per_token:min"
        case .unknownMetric(let text, let error):
            "objective '\(text)': \(error)"
        case .noDefaultDirection(let metric):
            "objective '\(metric)': no default direction is known for this metric; write \(metric):max or \(metric):min"
        case .emptyList:
            "no objectives given; list them as METRIC:max|min separated by commas, e.g. decode_rate:max,energy_per_token:min"
        }
    }
}
