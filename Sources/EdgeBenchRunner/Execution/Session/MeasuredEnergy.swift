import EdgeBenchCore
import EdgeBenchTelemetry
import Foundation

/// The energy side of one configuration: the idle baseline window and each measured request's windows,
/// turned into METRICS.md energy metrics once the sampler has delivered every sample (a request's
/// energy needs the sample after `t_done` to interpolate its edge).
struct MeasuredEnergy {
    var idleWindow: (start: Instant, end: Instant)?
    /// index into the configuration's measured requests → that request's windows
    var windows: [(index: Int, windows: RequestEnergy.Windows)] = []
    /// false at a load level whose requests overlap: one request's window holds others' work, so energy is
    /// measured over the level instead (METRICS.md "energy_per_token at a level")
    var perRequest = true
    /// `start: cold`: each measured request's model load and the request's submit and first token
    var coldLoads: [(index: Int, load: ColdLoad, record: RequestRecord)] = []

    /// Keeps what `cold_energy` needs of a request that found the model unloaded: the load, its submit and
    /// first token (not every chunk: a long run would hold them all).
    mutating func recordCold(_ load: ColdLoad, _ record: RequestRecord, at index: Int) {
        var kept = record
        kept.chunks = Array(record.chunks.prefix(1))
        kept.text = ""
        coldLoads.append((index, load, kept))
    }

    mutating func record(_ record: RequestRecord, at index: Int) {
        windows.append((index, RequestEnergy.Windows(
            submit: record.submittedAt, first: record.chunks.first?.at, last: record.chunks.last?.at,
            done: record.completion.at)))
    }

    struct Attached {
        var extra: [MetricID: Double] = [:]
        var power: PowerProvenance?
        var flags: [Flag] = []
        /// indices of the requests in `measured` that changed: they are stored again
        var updated: [Int] = []
        /// what the user should hear about the figures (dropped impossible samples)
        var notes: [String] = []
    }

    /// Adds energy metrics to `measured` and says which requests changed (the session stores them again);
    /// nothing when no power source covered the requests. Never invents a figure: a window the samples do
    /// not reach stays without one.
    /// - Parameter ratedMaximum: W, the device's rated maximum: samples above ten times it are impossible.
    /// - Parameter level: the measured phase, for a level whose energy is measured as a whole
    func attach(
        to measured: inout [RequestResult], samples: [Sample], sources: [SourceDescription], ratedMaximum: Double? = nil,
        level: MeasuredWindow? = nil
    ) -> Attached {
        var attached = Attached()
        // METRICS.md: throttling seen during a request's window flags it `throttled`.
        for (index, windows) in self.windows where index < measured.count {
            let throttled = samples.contains {
                $0.reading.quantity == .throttle && $0.reading.value > 0 && $0.at >= windows.submit && $0.at <= windows.done
            }
            guard throttled, !measured[index].flags.contains(.throttled) else { continue }
            measured[index].flags = (measured[index].flags + [.throttled]).sorted()
            attached.updated.append(index)
        }
        guard let series = PowerSelection.primary(sources: sources, samples: samples, ratedMaximum: ratedMaximum)
        else { return attached }
        let idle = idleWindow.flatMap { RequestEnergy.idlePower(series, from: $0.start, to: $0.end) }
        if let idle { attached.extra[.idlePower] = idle }
        if !perRequest {
            if let level { attachLevel(level, series: series, idle: idle, to: &attached) }
        }
        for (index, windows) in self.windows where perRequest && index < measured.count {
            let (metrics, flags) = RequestEnergy.compute(series, windows: windows, existing: measured[index].metrics, idlePower: idle)
            guard !metrics.isEmpty || !flags.isEmpty else { continue }
            var result = measured[index]
            result.metrics.merge(metrics) { _, new in new }
            result.flags = Array(Set(result.flags).union(flags)).sorted()
            measured[index] = result
            if !attached.updated.contains(index) { attached.updated.append(index) }
        }
        for cold in coldLoads where cold.index < measured.count {
            let (metrics, flags) = ColdStartMetrics.compute(load: cold.load, record: cold.record, series: series)
            guard metrics[.coldEnergy] != nil || !flags.isEmpty else { continue }
            measured[cold.index].metrics.merge(metrics) { _, new in new }
            measured[cold.index].flags = Array(Set(measured[cold.index].flags).union(flags)).sorted()
            if !attached.updated.contains(cold.index) { attached.updated.append(cold.index) }
        }
        if let first = series.dropped.first {
            attached.flags.append(.implausibleSamples)
            let origin = windows.first?.windows.submit ?? first.0
            let flagged = self.windows.count { series.hasGap(from: $0.windows.submit, to: $0.windows.done) }
            attached.notes.append(
                "dropped \(series.dropped.count) impossible sample(s) of \(series.source.id)/\(series.channel) "
                    + "(first: \(series.plausibility?.reason(first.1) ?? "\(first.1) W") at \(String(format: "%+.3f", first.0.seconds(since: origin))) s "
                    + "from the first request): energy is not integrated across them; \(flagged) request(s) without energy, "
                    + "flagged implausible_samples")
        }
        let manual = series.source.kind == "manual"
        if manual { attached.flags.append(.manual) }
        // Samples from the idle baseline (or the first request) on: what the figures were computed from.
        let phaseStart = idleWindow?.start ?? windows.first?.windows.submit
        let inPhase = phaseStart.map { start in series.points.count { $0.0 >= start } } ?? series.points.count
        attached.power = PowerProvenance(
            source: series.source.id, channel: series.channel, boundary: series.source.boundary,
            quantity: series.quantity, isEstimate: series.source.isEstimate, isManual: manual, samples: inPhase,
            effectiveRate: series.effectiveRate, idleSeconds: idleWindow.map { $0.end.seconds(since: $0.start) },
            // what the report draws: the same channel, idle baseline and request phases on one clock
            timeline: PowerTimeline(series: series, idle: idleWindow, requests: windows.map(\.windows)))
        return attached
    }

    /// The level's energy over `T_level` shared by every token it produced: energy_per_token and its kin
    /// as configuration figures (n = 1), never per request.
    private func attachLevel(_ level: MeasuredWindow, series: PowerSeries, idle: Double?, to attached: inout Attached) {
        let whole = RequestEnergy.Windows(submit: level.start, first: nil, last: nil, done: level.end)
        let (metrics, flags) = RequestEnergy.compute(
            series, windows: whole, existing: [.nOut: level.tokens], idlePower: idle)
        let levelMetrics: [MetricID] = [
            .energyPerToken, .tokensPerJoule, .meanPower, .peakPower, .activeEnergyPerToken,
        ]
        for id in levelMetrics { if let value = metrics[id] { attached.extra[id] = value } }
        attached.flags.append(contentsOf: flags)
    }
}
