import EdgeBenchCore

extension ConfigurationAnalysis {
    /// The statistics a constraint or objective may name as `id.stat` (`ttft.p90`); nil where undefined.
    static func statistics(_ s: Summary) -> [(name: String, value: Double?)] {
        [
            ("median", s.median), ("min", s.min), ("max", s.max), ("p50", s.p50), ("p90", s.p90), ("p99", s.p99),
            ("stddev", s.stddev), ("cv", s.cv),
        ]
    }

    /// This configuration for the decision layer: every metric (`decode_rate`, the mean), every
    /// statistic (`ttft.p90`) and every derived value that exists; n/a values are simply absent.
    public var candidate: Candidate {
        var values = metrics
        for (metric, stats) in summary {
            for statistic in Self.statistics(stats) {
                if let v = statistic.value, v.isFinite { values["\(metric).\(statistic.name)"] = v }
            }
        }
        return Candidate(id: id, metrics: values)
    }
}
