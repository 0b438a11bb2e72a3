import EdgeBenchCore

/// The energy metrics of one request (METRICS.md "Power and energy"): windows whole request
/// [t_submit, t_done], prefill [t_submit, t_first], decode [t_first, t_last].
public enum RequestEnergy {
    /// Fewer power samples than this in the request's window → `low_confidence`.
    public static let minimumSamples = 10

    public struct Windows: Sendable {
        public var submit: Instant
        public var first: Instant?
        public var last: Instant?
        public var done: Instant

        public init(submit: Instant, first: Instant?, last: Instant?, done: Instant) {
            self.submit = submit
            self.first = first
            self.last = last
            self.done = done
        }
    }

    /// - Parameter existing: the request's latency metrics (n_in, n_out, e2e_throughput are read from them)
    /// - Returns: metrics to add, and `low_confidence` when the window had too few samples. Empty when the
    ///   power series does not cover the request (nothing is extrapolated).
    public static func compute(
        _ series: PowerSeries, windows: Windows, existing: [MetricID: Double], idlePower: Double?
    ) -> (metrics: [MetricID: Double], flags: [Flag]) {
        // A dropped (impossible) sample in the window: its energy is unknown, not the rest's sum.
        if series.hasGap(from: windows.submit, to: windows.done) { return ([:], [.implausibleSamples]) }
        guard let whole = series.energy(from: windows.submit, to: windows.done), whole.joules >= 0 else { return ([:], []) }
        var metrics: [MetricID: Double] = [.energy: whole.joules]
        var flags: [Flag] = []
        // A counter's samples are few but exact; only integrated power needs many of them. A manual meter's
        // constant is exact by declaration (flagged `manual`): its few samples say nothing about confidence.
        if series.quantity == .power, series.source.kind != "manual", whole.samples < minimumSamples {
            flags.append(.lowConfidence)
        }
        let seconds = windows.done.seconds(since: windows.submit)
        if seconds > 0 { metrics[.meanPower] = whole.joules / seconds }
        if let peak = series.peakPower(from: windows.submit, to: windows.done) { metrics[.peakPower] = peak }
        if let nOut = existing[.nOut], nOut > 0, whole.joules > 0 {
            metrics[.energyPerToken] = whole.joules / nOut
            metrics[.tokensPerJoule] = nOut / whole.joules
        }
        if let idlePower, seconds > 0 {
            let active = whole.joules - idlePower * seconds
            metrics[.activeEnergy] = active
            if let nOut = existing[.nOut], nOut > 0 { metrics[.activeEnergyPerToken] = active / nOut }
        }
        if let first = windows.first, let nIn = existing[.nIn], nIn > 0,
           let prefill = series.energy(from: windows.submit, to: first)
        {
            metrics[.prefillEnergyPerToken] = prefill.joules / nIn
        }
        if let first = windows.first, let last = windows.last, let nOut = existing[.nOut], nOut > 1,
           let decode = series.energy(from: first, to: last)
        {
            metrics[.decodeEnergyPerToken] = decode.joules / (nOut - 1)
        }
        if let throughput = existing[.e2eThroughput], let mean = metrics[.meanPower], mean > 0 {
            metrics[.throughputPerWatt] = throughput / mean
        }
        return (metrics, flags)
    }

    /// Mean power over the idle baseline window, nil when the series does not cover it. Over the parts
    /// no gap covers where a dropped sample left one: a mean, unlike an energy, only needs some of the window.
    public static func idlePower(_ series: PowerSeries, from start: Instant, to end: Instant) -> Double? {
        if series.hasGap(from: start, to: end) {
            guard let first = series.points.first?.0, let last = series.points.last?.0, first <= start, last >= end else { return nil }
            return series.meanPowerOutsideGaps(from: start, to: end)
        }
        let seconds = end.seconds(since: start)
        guard seconds > 0, let idle = series.energy(from: start, to: end) else { return nil }
        return idle.joules / seconds
    }
}
