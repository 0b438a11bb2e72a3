import EdgeBenchCore

/// `tegrastats` output (a `--logfile` or a pasted terminal capture) of every JetPack generation:
/// JetPack 3/4 rails `POM_5V_IN 1234/1234` (current/average mW), JetPack 5/6 `VDD_IN 4783mW/4783mW`,
/// JetPack 7 `VDD_GPU_SOC 5139mW/5139mW/5139mW`. Power readings are the current value, never the average.
///
/// Time: a line's own `MM-DD-YYYY HH:MM:SS` stamp when it has one, else line index × interval
/// (tegrastats' default 1 s, or the `--interval <ms>` the capture shows).
public enum TegrastatsLog: TelemetryLogParser {
    public static let format = "tegrastats"

    /// Name of the synthetic channel used when a log has no module-input rail.
    public static let sumOfRailsChannel = "sum of rails"

    public static func parse(_ text: String) throws -> TelemetryLog {
        let interval = intervalSeconds(in: text) ?? 1
        var readings: [LogReading] = []
        var perLinePower: [(t: Double, watts: Double)] = []
        var railNames: Set<String> = []
        var index = 0
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let parsed = try TegrastatsLine.parse(line, lineNumber: offset + 1) else { continue }
            let t = parsed.timestamp ?? Double(index) * interval
            index += 1
            var watts: Double?
            for var reading in parsed.readings {
                reading.t = t
                readings.append(reading)
                if reading.quantity == .power {
                    railNames.insert(reading.name)
                    watts = (watts ?? 0) + reading.value
                }
            }
            if let watts { perLinePower.append((t, watts)) }
        }

        if let input = TegrastatsLine.moduleInputRails.first(where: railNames.contains) {
            return TelemetryLog(source: .init(format: format, boundary: .moduleInput), readings: readings, powerChannel: input)
        }
        if perLinePower.isEmpty {
            return TelemetryLog(source: .init(format: format, boundary: .system), readings: readings)
        }
        // AGX Orin (VDD_GPU_SOC, VDD_CPU_CV, VIN_SYS_5V0) and AGX Xavier on JetPack 4 have no input rail:
        // the rails together are the closest whole-module figure tegrastats offers, but not the input.
        readings += perLinePower.map {
            LogReading(t: $0.t, name: sumOfRailsChannel, quantity: .power, value: $0.watts, unit: "W")
        }
        return TelemetryLog(
            source: .init(format: format, boundary: .socRails), readings: readings, powerChannel: sumOfRailsChannel,
            powerNote: "sum of rails: no input rail (VDD_IN or POM_5V_IN) in this log; rails summed per line: "
                + railNames.sorted().joined(separator: ", "))
    }

    /// `--interval 500` or `--interval=500` (ms) anywhere in the capture, e.g. on the command line that started it.
    static func intervalSeconds(in text: String) -> Double? {
        guard let range = text.range(of: "--interval") else { return nil }
        let rest = text[range.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\t" })
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard let milliseconds = Int(digits), milliseconds > 0 else { return nil }
        return Double(milliseconds) / 1000
    }
}
