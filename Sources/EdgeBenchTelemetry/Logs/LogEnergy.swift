import EdgeBenchCore

/// Energy, mean and peak power over a window of a parsed log (`edgebench energy`), with the same
/// integration as a run: trapezoids over the log's power channel, edges interpolated, nothing extrapolated.
public struct LogEnergy: Sendable, Equatable, Codable {
    public var energy: Double
    public var meanPower: Double
    public var peakPower: Double
    public var samples: Int
    public var window: [Double]
    public var boundary: MeasurementBoundary
    public var rail: String
    public var estimate: Bool
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case energy
        case meanPower = "mean_power"
        case peakPower = "peak_power"
        case samples, window, boundary, rail, estimate, note
    }

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case noPower(format: String)
        case noTimes(rail: String)
        case outside(from: Double, to: Double, first: Double, last: Double)
        /// impossible readings inside the window: (count, the first one's time, why it is impossible, the gap's span)
        case implausible(rail: String, count: Int, at: Double, reason: String, gap: [Double])

        public var description: String {
            switch self {
            case .noPower(let format):
                return "this \(format) log has no power readings to integrate (only temperatures, clocks or loads)"
            case .noTimes(let rail):
                return "the \(rail) readings carry no times, so no window can be integrated; a log of several readings is needed"
            case .outside(let from, let to, let first, let last):
                return "the window [\(from), \(to)] s is not inside the log, which covers [\(first), \(last)] s; pick --from and --to inside it"
            case .implausible(let rail, let count, let at, let reason, let gap):
                return "the window holds \(count) impossible \(rail) reading(s) (first at \(at) s: \(reason)); they were dropped "
                    + "and energy is not integrated across them: pick --from and --to outside [\(gap[0]), \(gap[1])] s"
            }
        }
    }

    /// - Parameters: from, to: seconds on the log's own time axis (LogReading.t); nil = the log's first / last reading.
    public static func compute(_ log: TelemetryLog, from: Double?, to: Double?) throws -> LogEnergy {
        guard let rail = log.powerChannel else { throw Problem.noPower(format: log.source.format) }
        var points = LogPowerPoints(channels: [rail])
        for reading in log.readings { points.add(reading) }
        return try compute(points.points[rail] ?? [], description: log.logDescription, from: from, to: to)
    }

    /// The same over a log read as a stream: `points` are the (t, W) of its power channel (`LogPowerPoints`).
    public static func compute(
        _ points: [(t: Double, watts: Double)], description: LogDescription, from: Double?, to: Double?
    ) throws -> LogEnergy {
        guard let rail = description.powerChannel else { throw Problem.noPower(format: description.source.format) }
        let bound = PowerPlausibility.bound(for: description.source.boundary, ratedMaximum: nil)
        let sorted = points.sorted { $0.t < $1.t }
        // Impossible readings are dropped; the span between the kept readings around each is a gap.
        var kept: [(Double, Double)] = []
        var dropped: [(t: Double, watts: Double, gap: [Double])] = []
        var open: [(t: Double, watts: Double)] = []
        for point in sorted {
            if bound.accepts(point.watts) {
                for pending in open { dropped.append((pending.t, pending.watts, [kept.last?.0 ?? pending.t, point.t])) }
                open = []
                kept.append((point.t, point.watts))
            } else {
                open.append(point)
            }
        }
        for pending in open { dropped.append((pending.t, pending.watts, [kept.last?.0 ?? pending.t, sorted.last?.t ?? pending.t])) }
        guard kept.count >= 2, let first = kept.first?.0, let last = kept.last?.0 else { throw Problem.noTimes(rail: rail) }
        let start = from ?? first
        let end = to ?? last
        let inside = dropped.filter { $0.gap[0] < end && $0.gap[1] > start }
        if let firstInside = inside.first {
            throw Problem.implausible(
                rail: rail, count: inside.count, at: firstInside.t, reason: bound.reason(firstInside.watts),
                gap: [inside.map { $0.gap[0] }.min()!, inside.map { $0.gap[1] }.max()!])
        }
        // Seconds on the log's axis become instants offset from its first reading (epoch seconds do not fit an Instant).
        func instant(_ t: Double) -> Instant { Instant(nanoseconds: UInt64(max(0, (t - first + 1) * 1e9))) }
        let samples = kept.map { (instant($0.0), $0.1) }
        guard end > start, let integral = EnergyIntegration.trapezoid(samples: samples, from: instant(start), to: instant(end))
        else { throw Problem.outside(from: start, to: end, first: first, last: last) }
        // A window between two samples has none inside: its peak is the higher interpolated edge.
        let peak = kept.filter { $0.0 >= start && $0.0 <= end }.map(\.1).max()
            ?? max(EnergyIntegration.value(in: samples, at: instant(start)), EnergyIntegration.value(in: samples, at: instant(end)))
        let droppedNote = dropped.isEmpty ? nil
            : "\(dropped.count) impossible \(rail) reading(s) outside the window dropped (first at \(dropped[0].t) s: \(bound.reason(dropped[0].watts)))"
        let note = [description.powerNote, droppedNote].compactMap { $0 }.joined(separator: "; ")
        return LogEnergy(
            energy: integral.joules, meanPower: integral.joules / (end - start), peakPower: peak, samples: integral.count,
            window: [start, end], boundary: description.source.boundary, rail: rail, estimate: description.source.estimate,
            note: note.isEmpty ? nil : note)
    }
}

/// Collects the (t, W) of the power readings of some channels as a log streams past: what `LogEnergy`
/// integrates, 16 bytes a reading instead of the log's text. Readings without time are not kept.
public struct LogPowerPoints: TelemetryLogSink {
    /// nil: every power channel
    public let channels: Set<String>?
    public private(set) var points: [String: [(t: Double, watts: Double)]] = [:]

    public init(channels: Set<String>?) { self.channels = channels }

    public mutating func add(_ reading: LogReading) {
        guard reading.quantity == .power, let t = reading.t, channels?.contains(reading.name) ?? true else { return }
        points[reading.name, default: []].append((t, reading.value))
    }
}

extension TelemetryLogFormat {
    /// The channels a log of this format can name as its power channel, so a streaming read keeps only
    /// those; nil where any power channel may be (a plug's, a GPU's).
    public var powerCandidates: Set<String>? {
        switch self {
        case .tegrastats: Set(TegrastatsLine.moduleInputRails + [TegrastatsLog.sumOfRailsChannel])
        case .pmic: [PMICCalibration.channel]
        default: nil
        }
    }
}
