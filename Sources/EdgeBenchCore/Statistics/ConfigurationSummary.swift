/// Statistics and validity flags of one configuration from its measured requests (METRICS.md "Statistics").
public enum ConfigurationSummary {
    /// Fewer measured requests than this → `few_samples`.
    public static let minimumSamples = 5
    /// Coefficient of variation of `decode_rate` or `e2e_latency` above this → `unstable`.
    public static let unstableCV = 0.10

    /// - Parameters:
    ///   - requests: the measured requests only (warm-up never enters statistics)
    ///   - extra: per-configuration metrics (load_time, request_rate, system_output_rate), each an n = 1 summary
    /// - Returns: metric id → summary, and the sorted, unique configuration flags
    public static func build(
        requests: [RequestResult], extra: [MetricID: Double] = [:]
    ) -> (summary: [MetricID: Summary], flags: [Flag]) {
        var summary: [MetricID: Summary] = [:]
        var valuesByMetric: [MetricID: [Double]] = [:]
        for request in requests {
            for (id, value) in request.metrics { valuesByMetric[id, default: []].append(value) }
        }
        // ITL is a distribution over every gap of every request, not one number per request.
        let pooledITL = requests.flatMap(\.itl)
        if !pooledITL.isEmpty { valuesByMetric[.itl] = pooledITL }
        for (id, values) in valuesByMetric {
            if let s = Statistics.summarize(values, unit: id.unit) { summary[id] = s }
        }
        for (id, value) in extra {
            if let s = Statistics.summarize([value], unit: id.unit) { summary[id] = s }
        }

        var flags = Set(requests.flatMap(\.flags))
        // n = 0 (a configuration that failed before a measured request) has no statistics to be rough
        if !requests.isEmpty, requests.count < minimumSamples { flags.insert(.fewSamples) }
        for id in [MetricID.decodeRate, .e2eLatency] {
            if let cv = summary[id]?.cv, cv > unstableCV { flags.insert(.unstable) }
        }
        return (summary, flags.sorted())
    }
}
