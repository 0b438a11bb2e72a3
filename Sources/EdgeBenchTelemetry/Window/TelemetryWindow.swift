import EdgeBenchCore

/// Per-channel statistics of telemetry over a window of the run (e.g. the measured phase).
public enum TelemetryWindow {
    /// Summarises the samples with `from ≤ at ≤ to`, one entry per channel that has any.
    ///
    /// Keys: the bare channel name (`engine_rss`, `cpu-thermal`, `cpu0`) when exactly one source
    /// among `samples` has a channel of that name, otherwise `<source id>/<channel>`
    /// (`thermal/soc`, `jetson/soc`). Uniqueness is decided over all `samples`, not just the
    /// window, so the same channel keeps the same key in every window of a run.
    /// A channel without samples in the window is absent (never reported as 0).
    /// Boundary comes from the matching `sources` description; `.system` when the id is unknown.
    /// Power samples no device can produce (`PowerPlausibility`, bounded by `ratedMaximum` W where known)
    /// are left out, as the energy figures leave them out.
    public static func summarize(
        _ samples: [Sample], from start: Instant, to end: Instant, sources: [SourceDescription],
        ratedMaximum: Double? = nil
    ) -> [String: TelemetrySummary] {
        var bounds: [String: PowerPlausibility] = [:]
        for source in sources { bounds[source.id] = .bound(for: source.boundary, ratedMaximum: ratedMaximum) }
        var sourcesPerChannel: [String: Set<String>] = [:]
        for sample in samples {
            sourcesPerChannel[sample.reading.channel, default: []].insert(sample.source)
        }

        struct Key: Hashable { let source: String, channel: String }
        struct Accumulator {
            var quantity: Quantity
            var count = 0
            var sum = 0.0
            var min = Double.infinity
            var max = -Double.infinity
        }
        var accumulators: [Key: Accumulator] = [:]
        for sample in samples where sample.at >= start && sample.at <= end {
            if sample.reading.quantity == .power,
               !(bounds[sample.source]?.accepts(sample.reading.value) ?? sample.reading.value.isFinite) { continue }
            let key = Key(source: sample.source, channel: sample.reading.channel)
            var accumulator = accumulators[key] ?? Accumulator(quantity: sample.reading.quantity)
            let value = sample.reading.value
            accumulator.count += 1
            accumulator.sum += value
            accumulator.min = Swift.min(accumulator.min, value)
            accumulator.max = Swift.max(accumulator.max, value)
            accumulators[key] = accumulator
        }

        var result: [String: TelemetrySummary] = [:]
        for (key, accumulator) in accumulators {
            let unique = (sourcesPerChannel[key.channel]?.count ?? 0) <= 1
            let name = unique ? key.channel : "\(key.source)/\(key.channel)"
            let boundary = sources.first { $0.id == key.source }?.boundary ?? .system
            result[name] = TelemetrySummary(
                source: key.source, quantity: accumulator.quantity, unit: accumulator.quantity.unit,
                boundary: boundary, samples: accumulator.count,
                mean: accumulator.sum / Double(accumulator.count),
                min: accumulator.min, max: accumulator.max
            )
        }
        return result
    }
}
