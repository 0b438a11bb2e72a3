import Foundation

/// Whether more or less of a metric is better.
public enum OptimizationDirection: String, Sendable, Equatable, CaseIterable {
    case maximize = "max"
    case minimize = "min"

    /// True when `a` is strictly better than `b` in this direction.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        self == .maximize ? a > b : a < b
    }
}

/// One axis of a Pareto front: a metric key and the direction in which it improves.
public struct Objective: Sendable, Equatable, CustomStringConvertible {
    public var metric: String
    public var direction: OptimizationDirection

    public init(metric: String, direction: OptimizationDirection) {
        self.metric = metric
        self.direction = direction
    }

    /// `decode_rate:max`, `energy_per_token:min`, or a bare known metric (`decode_rate`), which takes
    /// its direction from `defaultDirection(for:)`.
    public init(parsing text: String) throws(ObjectiveError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let metric = parts[0].trimmingCharacters(in: .whitespaces)
        guard !metric.isEmpty else { throw .emptyMetric(text: text) }
        if parts.count == 2 {
            let word = parts[1].trimmingCharacters(in: .whitespaces).lowercased()
            guard let direction = Self.directionWords[word] else {
                throw .badDirection(text: text, direction: String(parts[1]))
            }
            self.init(metric: metric, direction: direction)
        } else {
            guard let direction = Self.defaultDirection(for: metric) else {
                throw .noDefaultDirection(metric: metric)
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

    /// The direction in which a known metric improves, for `metric` or `metric.stat`; nil when unknown.
    ///
    /// A spread statistic (`.stddev`, `.cv`, `.ci95`) is better small whatever its metric: a steadier
    /// decode rate is better even though a higher one is.
    public static func defaultDirection(for metric: String) -> OptimizationDirection? {
        let parts = metric.split(separator: ".", maxSplits: 1)
        guard let base = parts.first.map(String.init) else { return nil }
        if parts.count == 2, spreadStatistics.contains(String(parts[1])) { return .minimize }
        if maximized.contains(base) { return .maximize }
        if minimized.contains(base) { return .minimize }
        return nil
    }

    private static let spreadStatistics: Set<String> = ["stddev", "std", "cv", "ci95", "ci95_half_width"]

    private static let maximized: Set<String> = [
        // rates and throughputs
        "decode_rate", "prefill_rate", "e2e_throughput", "server_prefill_rate", "server_decode_rate",
        "request_rate", "system_output_rate", "decode_ceiling",
        // densities and efficiencies
        "throughput_density", "throughput_per_kg", "throughput_per_dollar", "throughput_per_watt",
        "tokens_per_joule", "correct_per_joule", "accelerator_gain", "roofline_efficiency",
        // quality and battery
        "accuracy", "battery_hours", "tokens_per_battery",
    ]

    private static let minimized: Set<String> = [
        // latencies
        "ttft", "e2e_latency", "decode_time", "tpot", "itl", "load_time",
        // energy and power
        "energy", "active_energy", "energy_per_token", "decode_energy_per_token",
        "prefill_energy_per_token", "active_energy_per_token", "mean_power", "peak_power", "idle_power",
        // physical and cost
        "volume", "mass", "price", "cost_per_mtok",
    ]
}

/// Why an objective could not be read.
public enum ObjectiveError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyMetric(text: String)
    case badDirection(text: String, direction: String)
    case noDefaultDirection(metric: String)
    case emptyList

    public var description: String {
        switch self {
        case .emptyMetric(let text):
            "objective '\(text)' has no metric name; write it as METRIC:max or METRIC:min, e.g. decode_rate:max"
        case .badDirection(let text, let direction):
            "objective '\(text)': direction '\(direction)' is neither max nor min; write e.g. decode_rate:max or energy_per_token:min"
        case .noDefaultDirection(let metric):
            "objective '\(metric)': no default direction is known for this metric; write \(metric):max or \(metric):min"
        case .emptyList:
            "no objectives given; list them as METRIC:max|min separated by commas, e.g. decode_rate:max,energy_per_token:min"
        }
    }
}
