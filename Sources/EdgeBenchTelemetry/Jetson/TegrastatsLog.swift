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

    public static func read(_ lines: LogLines, into sink: inout some TelemetryLogSink) throws -> LogDescription {
        var tally = LineTally(format: format)
        var interval = 1.0
        var railNames: Set<String> = []
        var index = 0
        try lines.forEach(format: format) { number, raw in
            guard let parsed = try TegrastatsLine.parse(raw, lineNumber: number) else {
                // the command line that started the capture says its interval
                if let milliseconds = intervalSeconds(in: raw) { interval = milliseconds }
                tally.skip(number, raw)
                return
            }
            let t = parsed.timestamp ?? Double(index) * interval
            index += 1
            var watts: Double?
            var hasInput = false
            for var reading in parsed.readings {
                reading.t = t
                sink.add(reading)
                if reading.quantity == .power {
                    railNames.insert(reading.name)
                    hasInput = hasInput || TegrastatsLine.moduleInputRails.contains(reading.name)
                    watts = (watts ?? 0) + reading.value
                }
            }
            // AGX Orin (VDD_GPU_SOC, VDD_CPU_CV, VIN_SYS_5V0) and AGX Xavier on JetPack 4 have no input rail:
            // the rails together are the closest whole-module figure tegrastats offers, but not the input
            // (per line, as `TegrastatsLine.liveReadings` does live).
            if let watts, !hasInput {
                sink.add(LogReading(t: t, name: sumOfRailsChannel, quantity: .power, value: watts, unit: "W"))
            }
        }
        guard index > 0 else {
            throw tally.nothingParsed(expected: "tegrastats lines (`RAM <used>/<total>MB … CPU [<load>%@<MHz>,…] …`)")
        }
        if let input = TegrastatsLine.moduleInputRails.first(where: railNames.contains) {
            return LogDescription(source: .init(format: format, boundary: .moduleInput), powerChannel: input, skippedLines: tally.skipped)
        }
        if railNames.isEmpty {
            return LogDescription(source: .init(format: format, boundary: .system), skippedLines: tally.skipped)
        }
        return LogDescription(
            source: .init(format: format, boundary: .socRails), powerChannel: sumOfRailsChannel,
            powerNote: "sum of rails: no input rail (VDD_IN or POM_5V_IN) in this log; rails summed per line: "
                + railNames.sorted().joined(separator: ", "),
            skippedLines: tally.skipped)
    }

    /// `--interval 500` or `--interval=500` (ms) anywhere in the capture, e.g. on the command line that started it.
    static func intervalSeconds(in text: some StringProtocol) -> Double? {
        guard let range = text.range(of: "--interval") else { return nil }
        let rest = text[range.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\t" })
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard let milliseconds = Int(digits), milliseconds > 0 else { return nil }
        return Double(milliseconds) / 1000
    }
}
