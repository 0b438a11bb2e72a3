import EdgeBenchCore

/// One power channel of one source over a configuration: instantaneous power samples (W), integrated,
/// or a cumulative energy counter (J), differenced. Either way it answers the same questions per window.
public struct PowerSeries: Sendable {
    public let source: SourceDescription
    public let channel: String
    public let quantity: Quantity
    /// (instant, W or J), sorted by time; a counter is already unwrapped; impossible samples left out
    public let points: [(Instant, Double)]
    /// Samples left out because no device could produce them (`PowerPlausibility`), with their values.
    public let dropped: [(Instant, Double)]
    /// Around each dropped sample, the span between the kept samples either side of it: nothing is known
    /// about power there, so no window that overlaps one gets an energy figure (`energy(from:to:)`).
    public let gaps: [(start: Instant, end: Instant)]
    public let plausibility: PowerPlausibility?

    /// The channel's samples of one quantity (a plug reports power and its energy counter on one channel);
    /// nil when there are fewer than two (no window can be covered). Power samples `plausibility` refuses,
    /// and counter readings that are negative or not finite, are dropped.
    public init?(
        samples: [Sample], source: SourceDescription, channel: String, quantity: Quantity = .power,
        plausibility: PowerPlausibility? = nil
    ) {
        guard [.power, .energyCounter].contains(quantity) else { return nil }
        let all = samples.filter { $0.source == source.id && $0.reading.channel == channel && $0.reading.quantity == quantity }
            .sorted { $0.at < $1.at }
        let plausible = { (value: Double) -> Bool in
            quantity == .power ? plausibility?.accepts(value) ?? (value.isFinite && value >= 0) : value.isFinite && value >= 0
        }
        var mine: [Sample] = []
        var dropped: [(Instant, Double)] = []
        var gaps: [(start: Instant, end: Instant)] = []
        var openGap: Instant?
        for sample in all {
            if plausible(sample.reading.value) {
                if let start = openGap {
                    gaps.append((start, sample.at))
                    openGap = nil
                }
                mine.append(sample)
            } else {
                dropped.append((sample.at, sample.reading.value))
                if openGap == nil { openGap = mine.last?.at ?? sample.at }
            }
        }
        if let start = openGap, let last = all.last?.at { gaps.append((start, last)) }
        guard mine.count >= 2 else { return nil }
        self.source = source
        self.channel = channel
        self.quantity = quantity
        self.dropped = dropped
        self.gaps = gaps
        self.plausibility = plausibility
        var points: [(Instant, Double)] = []
        points.reserveCapacity(mine.count)
        var offset = 0.0
        var previous: Double?
        for sample in mine {
            var value = sample.reading.value
            if quantity == .energyCounter {
                // Sources unwrap their own counters (RAPL knows its range); one that still goes down was reset
                // (a plug rebooted): continue from where it was, losing one interval rather than inventing a jump.
                if let previous, value + offset < previous { offset = previous - value }
                value += offset
                previous = value
            }
            points.append((sample.at, value))
        }
        self.points = points
    }

    /// Whether [a, b] overlaps a gap left by a dropped sample.
    public func hasGap(from start: Instant, to end: Instant) -> Bool {
        gaps.contains { $0.start < end && $0.end > start || ($0.start == $0.end && $0.start >= start && $0.start <= end) }
    }

    /// Mean power over the parts of [a, b] that no gap covers: the idle baseline's figure, which, unlike
    /// a window's energy, a gap only shortens. nil when nothing of the window is covered.
    public func meanPowerOutsideGaps(from start: Instant, to end: Instant) -> Double? {
        var pieces: [(Instant, Instant)] = []
        var cursor = start
        for gap in gaps.sorted(by: { $0.start < $1.start }) where gap.end > start && gap.start < end {
            if gap.start > cursor { pieces.append((cursor, gap.start)) }
            cursor = Swift.max(cursor, gap.end)
        }
        if cursor < end { pieces.append((cursor, end)) }
        var joules = 0.0
        var seconds = 0.0
        for (a, b) in pieces {
            guard let energy = energy(from: a, to: b) else { continue }
            joules += energy.joules
            seconds += b.seconds(since: a)
        }
        return seconds > 0 ? joules / seconds : nil
    }

    /// Joules in [a, b] and the samples inside it; nil when the samples do not reach both edges, or when
    /// [a, b] overlaps a gap (a dropped sample): energy is never integrated across one.
    public func energy(from start: Instant, to end: Instant) -> (joules: Double, samples: Int)? {
        guard !hasGap(from: start, to: end) else { return nil }
        switch quantity {
        case .energyCounter:
            guard end >= start, let first = points.first, let last = points.last, first.0 <= start, last.0 >= end
            else { return nil }
            let count = points.filter { $0.0 >= start && $0.0 <= end }.count
            return (EnergyIntegration.value(in: points, at: end) - EnergyIntegration.value(in: points, at: start), count)
        default:
            return EnergyIntegration.trapezoid(samples: points, from: start, to: end).map { ($0.joules, $0.count) }
        }
    }

    /// Highest power in [a, b]: the largest sample, or for a counter the largest power between samples.
    public func peakPower(from start: Instant, to end: Instant) -> Double? {
        switch quantity {
        case .energyCounter:
            counterIntervals.filter { $0.start >= start && $0.end <= end }.map(\.watts).max()
        default:
            points.filter { $0.0 >= start && $0.0 <= end }.map(\.1).max()
        }
    }

    /// For a counter: the mean power between each two consecutive readings, with the interval it covers
    /// (readings at the same instant give none).
    public var counterIntervals: [(start: Instant, end: Instant, watts: Double)] {
        zip(points, points.dropFirst()).compactMap { previous, next in
            let span = next.0.seconds(since: previous.0)
            return span > 0 ? (previous.0, next.0, (next.1 - previous.1) / span) : nil
        }
    }

    /// Samples per second over the whole series.
    public var effectiveRate: Double {
        guard let first = points.first, let last = points.last else { return 0 }
        let span = last.0.seconds(since: first.0)
        return span > 0 ? Double(points.count - 1) / span : 0
    }
}
