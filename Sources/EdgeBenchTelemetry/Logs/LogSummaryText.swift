import EdgeBenchCore
import Foundation

/// One line per channel: how many readings, and their range, with units.
public enum LogSummaryText {
    public static func render(_ log: TelemetryLog) -> String {
        var lines = ["\(log.source.format): boundary \(log.source.boundary.rawValue)\(log.source.estimate ? " (estimate)" : "")"]
        if let power = log.powerChannel { lines.append("power channel: \(power)" + (log.powerNote.map { " (\($0))" } ?? "")) }
        var order: [String] = []
        var groups: [String: [LogReading]] = [:]
        for reading in log.readings {
            let key = "\(reading.name) \(reading.quantity.rawValue)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(reading)
        }
        for key in order {
            let readings = groups[key]!
            let values = readings.map(\.value)
            let unit = readings[0].unit
            let mean = values.reduce(0, +) / Double(values.count)
            lines.append("  \(key): n=\(values.count) min \(format(values.min()!)) \(unit), mean \(format(mean)) \(unit), max \(format(values.max()!)) \(unit)")
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String { String(format: "%.6g", value) }

    /// `edgebench energy`: the window's energy, mean and peak power, and the channel they came from.
    public static func render(_ result: LogEnergy) -> String {
        """
        energy: \(format(result.energy)) J over [\(format(result.window[0])), \(format(result.window[1]))] s
        mean_power: \(format(result.meanPower)) W, peak_power: \(format(result.peakPower)) W, \(result.samples) samples
        rail: \(result.rail) (\(result.boundary.rawValue)\(result.estimate ? ", estimate" : ""))\(result.note.map { "; \($0)" } ?? "")
        """
    }
}
