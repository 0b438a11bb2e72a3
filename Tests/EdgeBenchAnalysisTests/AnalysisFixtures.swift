import EdgeBenchCore
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
        var summary: [String: Summary] = [:]
        for (metric, mean) in metrics {
            summary[metric.rawValue] = self.summary(mean, unit: metric.unit, p90: p90[metric])
        }
        return ConfigurationResult(
            id: id, engine: engine, model: model, workload: workload, status: status, error: error, requests: [],
            summary: summary, flags: [], device: device)
    }

    /// M5Stack Module LLM: 54 × 54 × 13 mm, $99.90 (issue #5's known values); mass left unknown on purpose.
    static let moduleLLM = Device(
        id: "m5stack-module-llm", name: "M5Stack Module LLM (AX630C)",
        dimensions: .init(length: 0.054, width: 0.054, height: 0.013), price: .init(usd: 99.90),
        accelerator: .init(name: "AX630C", peakOps: 3.2e12, precision: "INT8"),
        missing: ["mass": "the vendor publishes none"])

    /// Raspberry Pi 5 8 GB: 85 × 56 × 17 mm, $222.75 as benchmarked, LPDDR4X-4267 → 17.07e9 B/s.
    static let pi5 = Device(
        id: "rpi5-8gb", name: "Raspberry Pi 5 (8 GB)",
        dimensions: .init(length: 0.085, width: 0.056, height: 0.017), mass: 0.046, price: .init(usd: 222.75),
        memoryBandwidth: 17.07e9)

    /// Pi 5 + AI HAT+ 2 (Hailo-10H): 85 × 56 × 20 mm, $451.83, base board rpi5-8gb.
    static let pi5Hat2 = Device(
        id: "rpi5-8gb+ai-hat-plus-2", name: "Raspberry Pi 5 (8 GB) + AI HAT+ 2", base: "rpi5-8gb",
        dimensions: .init(length: 0.085, width: 0.056, height: 0.020), price: .init(usd: 451.83),
        accelerator: .init(name: "Hailo-10H", peakOps: 40e12, precision: "INT4"))

    /// Jetson Orin Nano Super dev kit: 100 × 79 × 21 mm, $304.78 as benchmarked, 102 GB/s.
    static let jetson = Device(
        id: "jetson-orin-nano-super", name: "NVIDIA Jetson Orin Nano Super",
        dimensions: .init(length: 0.100, width: 0.079, height: 0.021), price: .init(usd: 304.78),
        memoryBandwidth: 102e9, accelerator: .init(name: "Ampere GPU", peakOps: 67e12, precision: "INT8"))
}

/// `a` within `relative` of `b` (hand-computed values go through floating point once or twice).
func nearly(_ a: Double?, _ b: Double, relative: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= relative * max(abs(b), 1e-300)
}
