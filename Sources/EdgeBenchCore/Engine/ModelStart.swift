/// Whether each measured request finds the model already in memory (warm, the default) or has to wait for
/// it to be loaded first (METRICS.md "Cold start"). Plans write `start: cold | warm` in a workload.
public enum ModelStart: String, Sendable, Hashable, Codable, CaseIterable {
    /// the model is loaded once, before the warm-up, and stays resident: what `ttft` measures
    case warm
    /// before every measured request the engine unloads the model and loads it again (`ColdStarting`), so the
    /// request also reports `cold_ttft` and `cold_energy`
    case cold
}
