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

        public var description: String {
            switch self {
            case .noPower(let format):
                return "this \(format) log has no power readings to integrate (only temperatures, clocks or loads)"
            case .noTimes(let rail):
                return "the \(rail) readings carry no times, so no window can be integrated; a log of several readings is needed"
            case .outside(let from, let to, let first, let last):
                return "the window [\(from), \(to)] s is not inside the log, which covers [\(first), \(last)] s; pick --from and --to inside it"
            }
        }
    }

    /// - Parameters: from, to: seconds on the log's own time axis (LogReading.t); nil = the log's first / last reading.
    public static func compute(_ log: TelemetryLog, from: Double?, to: Double?) throws -> LogEnergy {
        guard let rail = log.powerChannel else { throw Problem.noPower(format: log.source.format) }
        let points = log.readings.filter { $0.name == rail && $0.quantity == .power }
            .compactMap { reading in reading.t.map { ($0, reading.value) } }
            .sorted { $0.0 < $1.0 }
        guard points.count >= 2, let first = points.first?.0, let last = points.last?.0 else { throw Problem.noTimes(rail: rail) }
        let start = from ?? first
        let end = to ?? last
        // Seconds on the log's axis become instants offset from its first reading (epoch seconds do not fit an Instant).
        func instant(_ t: Double) -> Instant { Instant(nanoseconds: UInt64(max(0, (t - first + 1) * 1e9))) }
        let samples = points.map { (instant($0.0), $0.1) }
        guard end > start, let integral = EnergyIntegration.trapezoid(samples: samples, from: instant(start), to: instant(end))
        else { throw Problem.outside(from: start, to: end, first: first, last: last) }
        // A window between two samples has none inside: its peak is the higher interpolated edge.
        let peak = points.filter { $0.0 >= start && $0.0 <= end }.map(\.1).max()
            ?? max(EnergyIntegration.value(in: samples, at: instant(start)), EnergyIntegration.value(in: samples, at: instant(end)))
        return LogEnergy(
            energy: integral.joules, meanPower: integral.joules / (end - start), peakPower: peak, samples: integral.count,
            window: [start, end], boundary: log.source.boundary, rail: rail, estimate: log.source.estimate, note: log.powerNote)
    }
}
