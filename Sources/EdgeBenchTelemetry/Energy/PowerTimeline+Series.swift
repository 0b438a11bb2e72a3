import EdgeBenchCore

extension PowerTimeline {
    /// The timeline of `series` (the configuration's effective power channel) over the idle baseline and
    /// the measured requests. nil when there is neither, or when the series does not reach into that span.
    ///
    /// t = 0 is the idle baseline's start, else the first request's submission. The readings bracketing
    /// the span are kept (the energy of its edges is interpolated from them), so t may start below 0.
    /// A counter becomes power between consecutive readings (`PowerSeries.counterIntervals`).
    public init?(series: PowerSeries, idle: (start: Instant, end: Instant)?, requests: [RequestEnergy.Windows]) {
        guard let origin = idle?.start ?? requests.first?.submit else { return nil }
        let end = ([idle?.end].compactMap { $0 } + requests.map(\.done)).max() ?? origin
        var readings: [(at: Double, watts: Double)] = switch series.quantity {
        // a counter's power is placed at the middle of the interval it was averaged over
        case .energyCounter:
            series.counterIntervals.map { interval in
                ((interval.start.seconds(since: origin) + interval.end.seconds(since: origin)) / 2, interval.watts)
            }
        default:
            series.points.map { ($0.0.seconds(since: origin), $0.1) }
        }
        readings = readings.filter { $0.at.isFinite && $0.watts.isFinite }
        let last = end.seconds(since: origin)
        // the window's readings plus the one just before it and the one just after it
        let firstInside = readings.firstIndex { $0.at >= 0 } ?? readings.count
        let afterInside = readings.firstIndex { $0.at > last } ?? readings.count
        let lower = Swift.max(0, firstInside - 1)
        let upper = Swift.min(readings.count, afterInside + 1)
        guard lower < upper else { return nil }
        let kept = Array(readings[lower..<upper])
        // readings only before the window or only after it say nothing about it
        guard let first = kept.first, let final = kept.last, first.at <= last, final.at >= 0 else { return nil }
        let thinned = MinMaxThinning.indices(count: kept.count, limit: Self.maxPoints) { kept[$0].watts }
        self.init(
            origin: idle == nil ? .firstRequest : .idleStart,
            points: thinned.map { Point(time: Self.rounded(kept[$0].at), watts: Self.roundedWatts(kept[$0].watts)) },
            samples: kept.count,
            idle: idle.map { Interval(start: 0, end: Self.rounded($0.end.seconds(since: origin))) },
            requests: requests.prefix(Self.maxRequests).map { window in
                RequestSpan(
                    start: Self.rounded(window.submit.seconds(since: origin)),
                    firstToken: window.first.map { Self.rounded($0.seconds(since: origin)) },
                    end: Self.rounded(window.done.seconds(since: origin)))
            },
            requestsTotal: requests.count)
    }

    /// Microseconds: finer than any sampler interval or token gap, and short in JSON.
    static func rounded(_ seconds: Double) -> Double { (seconds * 1e6).rounded() / 1e6 }
    /// Milliwatts: below what any of the meters resolves.
    static func roundedWatts(_ watts: Double) -> Double { (watts * 1e3).rounded() / 1e3 }
}
