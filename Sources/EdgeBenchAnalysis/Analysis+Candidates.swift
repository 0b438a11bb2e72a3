import EdgeBenchCore

extension ConfigurationAnalysis {
    /// This configuration for the decision layer: every metric (`decode_rate`, the mean), every
    /// statistic (`ttft.p90`) and every derived value that exists; n/a values are simply absent.
    public var candidate: Candidate {
        var values: [MetricKey: Double] = [:]
        for (metric, value) in metrics { values[MetricKey(metric)] = value }
        for (metric, stats) in summary {
            for statistic in MetricKey.Statistic.allCases {
                if let v = statistic.value(in: stats), v.isFinite { values[MetricKey(metric, statistic)] = v }
            }
        }
        return Candidate(id: id, metrics: values)
    }
}
