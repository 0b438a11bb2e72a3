import EdgeBenchCore

/// One power channel of one source over a configuration: instantaneous power samples (W), integrated,
/// or a cumulative energy counter (J), differenced. Either way it answers the same questions per window.
public struct PowerSeries: Sendable {
    public let source: SourceDescription
    public let channel: String
    public let quantity: Quantity
    /// (instant, W or J), sorted by time; a counter is already unwrapped
    public let points: [(Instant, Double)]

    /// The channel's samples of one quantity (a plug reports power and its energy counter on one channel);
    /// nil when there are fewer than two (no window can be covered).
    public init?(samples: [Sample], source: SourceDescription, channel: String, quantity: Quantity = .power) {
        guard [.power, .energyCounter].contains(quantity) else { return nil }
        let mine = samples.filter { $0.source == source.id && $0.reading.channel == channel && $0.reading.quantity == quantity }
            .sorted { $0.at < $1.at }
        guard mine.count >= 2 else { return nil }
        self.source = source
        self.channel = channel
        self.quantity = quantity
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

    /// Joules in [a, b] and the samples inside it; nil when the samples do not reach both edges.
    public func energy(from start: Instant, to end: Instant) -> (joules: Double, samples: Int)? {
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
