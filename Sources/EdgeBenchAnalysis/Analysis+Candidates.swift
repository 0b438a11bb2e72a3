import EdgeBenchCore

extension ConfigurationAnalysis {
    /// This configuration for the decision layer: every metric (`decode_rate`, the mean), every
    /// statistic (`ttft.p90`) and every derived value that exists; n/a values are simply absent, with
    /// the reason (and what sets them) in `missing`.
    public var candidate: Candidate {
        var values: [MetricKey: Double] = [:]
        for (metric, value) in metrics { values[MetricKey(metric)] = value }
        for (metric, stats) in summary {
            for statistic in MetricKey.Statistic.allCases {
                if let v = statistic.value(in: stats), v.isFinite { values[MetricKey(metric, statistic)] = v }
            }
        }
        var missing = notAvailable
        let all = metrics
        for (metric, why) in Self.unmeasured where all[metric] == nil { missing[metric] = why }
        return Candidate(id: id, metrics: values, missing: missing)
    }

    /// Why a measured metric a decision weighs may be absent, and what gives it a value.
    static let unmeasured: [MetricID: String] = [
        .energyPerToken: Self.noPower,
        .meanPower: Self.noPower,
        .decodeRate: "not measured: the run holds end-to-end figures only (an import); run EdgeBench on the board",
        .ttft: "not measured by this run's source",
        .e2eThroughput: "not measured by this run's source",
    ]

    static let noPower =
        "no power measured: give a meter (--power-plug, --power-manual, a plan's power:) or, on import, --power-watts"
}
