import EdgeBenchCore
import EdgeBenchTesting
@testable import EdgeBenchAnalysis

/// Small hand-made configurations: only the means a derived metric reads, every other figure absent.
enum AnalysisFixtures {
    /// A summary whose every statistic is `mean` (one request's worth), with `p90` when given.
    static func summary(_ mean: Double, unit: MetricUnit, p90: Double? = nil) -> Summary {
        Summary(
            unit: unit, n: 5, mean: mean, median: mean, stddev: nil, cv: nil, min: mean, max: mean,
            p50: mean, p90: p90 ?? mean, p99: p90 ?? mean, ci95: nil)
    }

    /// `id` is "engine/model/workload"; `metrics` maps METRICS.md ids to means in SI.
    static func configuration(
        _ id: String, device: Device? = nil, metrics: [MetricID: Double] = [:], offloadFraction: Double? = nil,
        offload: String? = nil, modelBytes: Int64? = nil, status: ConfigurationResult.Status = .completed,
        error: String? = nil, p90: [MetricID: Double] = [:]
    ) -> ConfigurationResult {
        let parts = id.split(separator: "/").map(String.init)
        let model = ModelInfo(name: parts.count == 3 ? parts[1] : id, sizeBytes: modelBytes, quantisation: "Q4_K_M")
        let engine = EngineDescription(
            adapter: "ollama", name: parts.first ?? "engine", offload: offload, offloadFraction: offloadFraction,
            model: model)
        let workload = Workload(
            name: parts.count == 3 ? parts[2] : "short", request: GenerationRequest(prompt: "Hi", maxTokens: 64))
        var summary: [MetricID: Summary] = [:]
        for (metric, mean) in metrics {
            summary[metric] = self.summary(mean, unit: metric.unit, p90: p90[metric])
        }
        return ConfigurationResult(
            id: id, engine: engine, model: model, workload: workload, status: status, error: error, requests: [],
            summary: summary, flags: [], device: device)
    }

    static let moduleLLM = TestDevices.moduleLLM
    static let pi5 = TestDevices.pi5
    static let pi5Hat2 = TestDevices.pi5Hat2
    static let jetson = TestDevices.jetson
}

/// `a` within `relative` of `b` (hand-computed values go through floating point once or twice).
func nearly(_ a: Double?, _ b: Double, relative: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= relative * max(abs(b), 1e-300)
}
