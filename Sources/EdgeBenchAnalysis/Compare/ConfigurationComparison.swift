import EdgeBenchCore

/// One configuration present in both runs, metric by metric (in METRICS.md order).
public struct ConfigurationComparison: Sendable, Equatable {
    public var id: String
    public var metrics: [MetricComparison]
    /// "completed", "failed", "interrupted" in each run
    public var baseStatus: ConfigurationResult.Status
    public var newStatus: ConfigurationResult.Status
    /// the new run's error text when it did not complete
    public var newError: String?

    public init(
        id: String, metrics: [MetricComparison], baseStatus: ConfigurationResult.Status = .completed,
        newStatus: ConfigurationResult.Status = .completed, newError: String? = nil
    ) {
        self.id = id
        self.metrics = metrics
        self.baseStatus = baseStatus
        self.newStatus = newStatus
        self.newError = newError
    }

    /// Completed in the base run but not in the new one: the configuration stopped working.
    public var brokeInNew: Bool { baseStatus == .completed && newStatus != .completed }
}
