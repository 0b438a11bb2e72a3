import EdgeBenchCore

extension ColdStartMetrics {
    /// Both cold-start metrics of one request: `cold_ttft` (`coldTTFT(load:record:)`) and `cold_energy`, the
    /// energy of [load start, `t_first`] from the configuration's power series (trapezoids of power, or a
    /// counter's difference, as every energy window; METRICS.md "Power and energy").
    ///
    /// No `cold_energy` without power (`series` nil), without a first token, or where the series does not
    /// reach both edges (nothing is extrapolated); a window across a dropped impossible sample has none
    /// either and is flagged `implausible_samples`, as a request's own energy is.
    public static func compute(
        load: ColdLoad, record: RequestRecord, series: PowerSeries?
    ) -> (metrics: [MetricID: Double], flags: [Flag]) {
        var metrics: [MetricID: Double] = [:]
        guard let ttft = coldTTFT(load: load, record: record), let first = record.chunks.first?.at else { return ([:], []) }
        metrics[.coldTTFT] = ttft
        guard let series else { return (metrics, []) }
        if series.hasGap(from: load.start, to: first) { return (metrics, [.implausibleSamples]) }
        if let energy = series.energy(from: load.start, to: first), energy.joules >= 0 {
            metrics[.coldEnergy] = energy.joules
        }
        return (metrics, [])
    }
}
