/// The metrics of a request that found the model unloaded (METRICS.md "Cold start"): `cold_ttft` here, from
/// the load and the request alone; `cold_energy`, which needs the power series, in EdgeBenchTelemetry
/// (`ColdStartMetrics.compute(load:record:series:)`).
public enum ColdStartMetrics {
    /// `cold_ttft` = `load_time` + `ttft`, s: the load's seconds (`ColdLoad.seconds`) plus `t_first − t_submit`
    /// of the request sent after it; nil when no token arrived (a request without `t_first` has no TTFT).
    public static func coldTTFT(load: ColdLoad, record: RequestRecord) -> Double? {
        guard let first = record.chunks.first?.at else { return nil }
        return load.seconds + first.seconds(since: record.submittedAt)
    }
}
