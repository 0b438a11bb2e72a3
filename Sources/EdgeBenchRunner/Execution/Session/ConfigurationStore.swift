import EdgeBenchCore
import EdgeBenchStore

/// What a configuration's session writes and reads back: `ResultStore` in a run, a store that fails on
/// purpose in tests (a failed write must reach the user, and that needs a write that fails).
protocol ConfigurationStore: Sendable {
    func beginConfiguration(
        runID: String, configuration: Configuration, engine: EngineDescription?, device: Device?) throws
    func measuredRequests(runID: String, configurationID: String) throws -> [RequestResult]
    func summary(runID: String, configurationID: String) throws -> [MetricID: Summary]?
    func recordRequest(runID: String, configurationID: String, result: RequestResult, warmup: Bool) throws
    func updateMeasures(runID: String, configurationID: String, result: RequestResult) throws
    func recordSamples(runID: String, configurationID: String?, _ samples: [Sample]) throws
    func finishConfiguration(
        runID: String, configurationID: String, engine: EngineDescription?, status: ConfigurationResult.Status,
        error: String?, summary: [MetricID: Summary], flags: [Flag], telemetry: [String: TelemetrySummary],
        power: PowerProvenance?) throws
}

extension ResultStore: ConfigurationStore {}
