import EdgeBenchCore
import Foundation

/// Per channel: how many readings, and their range, accumulated as a log streams past (a few numbers
/// per channel, whatever the log's length).
public struct LogSummary: TelemetryLogSink {
    struct Channel {
        var unit: String
        var count = 0
        var sum = 0.0
        var min = Double.infinity
        var max = -Double.infinity
    }

    private(set) var order: [String] = []
    private(set) var channels: [String: Channel] = [:]
    public var readings: Int { channels.values.reduce(0) { $0 + $1.count } }

    public init() {}

    public mutating func add(_ reading: LogReading) {
        let key = "\(reading.name) \(reading.quantity.rawValue)"
        if channels[key] == nil {
            order.append(key)
            channels[key] = Channel(unit: reading.unit)
        }
        channels[key]!.count += 1
        channels[key]!.sum += reading.value
        channels[key]!.min = Swift.min(channels[key]!.min, reading.value)
        channels[key]!.max = Swift.max(channels[key]!.max, reading.value)
    }
}

/// One line per channel: how many readings, and their range, with units.
public enum LogSummaryText {
    public static func render(_ log: TelemetryLog) -> String {
        var summary = LogSummary()
        for reading in log.readings { summary.add(reading) }
        return render(log.logDescription, summary)
    }

    public static func render(_ description: LogDescription, _ summary: LogSummary) -> String {
        let source = description.source
        var lines = ["\(source.format): boundary \(source.boundary.rawValue)\(source.estimate ? " (estimate)" : "")"]
        if let power = description.powerChannel { lines.append("power channel: \(power)" + (description.powerNote.map { " (\($0))" } ?? "")) }
        for key in summary.order {
            guard let channel = summary.channels[key] else { continue }
            let unit = channel.unit
            let mean = channel.sum / Double(channel.count)
            func text(_ value: Double) -> String { format(value, whole: unit == "B" || unit == "Hz") }
            lines.append("  \(key): n=\(channel.count) min \(text(channel.min)) \(unit), mean \(text(mean)) \(unit), max \(text(channel.max)) \(unit)")
        }
        if description.skippedLines > 0 {
            lines.append("skipped_lines: \(description.skippedLines) (blank, prompts, commands, time's report or other output)")
        }
        return lines.joined(separator: "\n")
    }

    /// Six significant digits, but never an exponent for a log's large plain numbers: epoch times
    /// ("1753120000.125 s", not "1.75312e+09 s", which hides where in the log a window is) and byte counts
    /// ("812646400 B"); `whole` rounds a large mean of bytes or hertz to the unit.
    static func format(_ value: Double, whole: Bool = false) -> String {
        guard value.isFinite, abs(value) >= 1e6, abs(value) < 1e15 else { return String(format: "%.6g", value) }
        return whole || value.rounded() == value ? String(format: "%.0f", value) : String(format: "%.3f", value)
    }

    /// `edgebench energy`: the window's energy, mean and peak power, and the channel they came from.
    public static func render(_ result: LogEnergy) -> String {
        """
        energy: \(format(result.energy)) J over [\(format(result.window[0])), \(format(result.window[1]))] s
        mean_power: \(format(result.meanPower)) W, peak_power: \(format(result.peakPower)) W, \(result.samples) samples
        rail: \(result.rail) (\(result.boundary.rawValue)\(result.estimate ? ", estimate" : ""))\(result.note.map { "; \($0)" } ?? "")
        """
    }
}
