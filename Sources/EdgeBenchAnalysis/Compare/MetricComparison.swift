import EdgeBenchCore

/// One metric of one configuration in both runs: the means, the change, the noise test and the verdict.
public struct MetricComparison: Sendable, Equatable {
    public var metric: MetricID
    /// the stored unit of `base`, `new` and `change`
    public var unit: MetricUnit
    public var direction: ChangeDirection
    public var baseSummary: Summary
    public var newSummary: Summary
    public var threshold: MetricThreshold
    public var test: WelchOutcome
    public var beyondThreshold: Bool
    public var verdict: ComparisonVerdict

    public init(metric: MetricID, base: Summary, new: Summary, threshold: MetricThreshold) {
        self.metric = metric
        self.unit = base.unit
        self.direction = ChangeDirection.of(metric)
        self.baseSummary = base
        self.newSummary = new
        self.threshold = threshold
        self.test = WelchTest.run(base: base, new: new)
        self.beyondThreshold = threshold.isExceeded(change: new.mean - base.mean, base: base.mean)
        self.verdict = ComparisonVerdict.of(
            direction: direction, base: base.mean, new: new.mean, beyondThreshold: beyondThreshold,
            beyondNoise: test.isSignificant)
    }

    /// the base run's mean
    public var base: Double { baseSummary.mean }
    /// the new run's mean
    public var new: Double { newSummary.mean }
    /// new − base
    public var change: Double { new - base }
    /// (new − base) / |base|; nil when the base is 0
    public var relativeChange: Double? { base == 0 ? nil : change / abs(base) }
    /// p < α of Welch's test; nil when no test was possible
    public var beyondNoise: Bool? { test.isSignificant }
    /// the test's two-sided p; nil when no test was possible
    public var p: Double? { test.test?.p }
}
