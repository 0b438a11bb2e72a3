import EdgeBenchCore

/// Which way a metric's change counts as better when two runs are compared.
public enum ChangeDirection: String, Sendable, Equatable, CaseIterable {
    /// rates, throughputs, tokens per joule, throughput per watt
    case higherIsBetter = "higher_is_better"
    /// latencies, energy, power
    case lowerIsBetter = "lower_is_better"
    /// reported with its change, never a regression or an improvement
    case informational

    /// The direction of a metric (`MetricID.defaultDirection`), except:
    ///
    /// - `n_in`, `n_out`: token counts describe the workload and the model's answer, not the speed of
    ///   the machine; a change there means the two runs did different work, which is worth seeing but
    ///   is neither better nor worse.
    /// - `load_time`: measured once per configuration and dominated by whether the model file sat in
    ///   the page cache, so it says more about the run's order than about the engine.
    public static func of(_ metric: MetricID) -> ChangeDirection {
        if informationalMetrics.contains(metric) { return .informational }
        switch metric.defaultDirection {
        case .maximize: return .higherIsBetter
        case .minimize: return .lowerIsBetter
        case nil: return .informational
        }
    }

    /// True when going from `base` to `new` is a change for the worse (false for informational metrics).
    public func isWorse(_ new: Double, than base: Double) -> Bool {
        switch self {
        case .higherIsBetter: new < base
        case .lowerIsBetter: new > base
        case .informational: false
        }
    }

    /// True when going from `base` to `new` is a change for the better (false for informational metrics).
    public func isBetter(_ new: Double, than base: Double) -> Bool {
        switch self {
        case .higherIsBetter: new > base
        case .lowerIsBetter: new < base
        case .informational: false
        }
    }

    static let informationalMetrics: Set<MetricID> = [.nIn, .nOut, .loadTime]
}
