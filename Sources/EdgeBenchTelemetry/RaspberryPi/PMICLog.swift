import EdgeBenchCore

/// `vcgencmd pmic_read_adc` output (Raspberry Pi 5): every rail's current (A) and voltage (V), the power
/// of each rail that has both, and the board input power estimated from them (`pmic_estimate`, see
/// `PMICCalibration`). A capture holding several dumps (a loop) is split where a rail repeats; the dumps
/// carry no time, so readings have none.
public enum PMICLog: TelemetryLogParser {
    public static let format = "pmic"

    static let expected = "`<RAIL>_A current(<n>)=<amps>A` or `<RAIL>_V volt(<n>)=<volts>V`"

    public static func read(_ lines: LogLines, into sink: inout some TelemetryLogSink) throws -> LogDescription {
        var tally = LineTally(format: format)
        var dump: [PMICLine] = []
        var estimated = false
        var any = false
        // A dump ends where a rail repeats: its readings go out then, so a loop of any length is read in bounded memory.
        func flush() {
            if emit(dump, into: &sink) { estimated = true }
            dump.removeAll(keepingCapacity: true)
        }
        try lines.forEach(format: format) { number, raw in
            guard case .content(let line) = CaptureLine.classify(raw, commands: ["vcgencmd"]) else {
                tally.skip(number, raw)
                return
            }
            guard let parsed = PMICLine(line) else {
                // `… current(…)=…` or `… volt(…)=…` is a PMIC line, damaged; anything else is some other output.
                guard let label = line.range(of: "current(") ?? line.range(of: "volt(") else {
                    tally.skip(number, raw)
                    return
                }
                throw TelemetryLogError(
                    format: format, line: number, column: raw.column(of: label.lowerBound), text: String(raw), expected: expected)
            }
            any = true
            if dump.contains(where: { $0.name == parsed.name }) { flush() }
            dump.append(parsed)
        }
        flush()
        guard any else { throw tally.nothingParsed(expected: expected) }
        return LogDescription(
            source: .init(format: format, boundary: .boardDC, estimate: estimated),
            powerChannel: estimated ? PMICCalibration.channel : nil,
            powerNote: estimated
                ? "Pi 5 calibration: 1.1327 × Σ(V×I of the PMIC rails) + 0.6444 W, an estimate of the 5 V input"
                : "no rail has both a current and a voltage line (cut capture?): no power estimate",
            skippedLines: tally.skipped)
    }

    /// One dump's readings; true when it gave a power estimate.
    private static func emit(_ dump: [PMICLine], into sink: inout some TelemetryLogSink) -> Bool {
        for line in dump {
            sink.add(line.kind == .current
                ? LogReading(t: nil, name: line.name, quantity: .current, value: line.value, unit: "A")
                : LogReading(t: nil, name: line.name, quantity: .voltage, value: line.value, unit: "V"))
        }
        let rails = PMICLine.railPowers(dump)
        for rail in rails {
            sink.add(LogReading(t: nil, name: rail.rail, quantity: .power, value: rail.watts, unit: "W"))
        }
        // No pair, no estimate: the calibration's offset alone would pass for a reading.
        guard !rails.isEmpty else { return false }
        let sum = rails.reduce(0) { $0 + $1.watts }
        sink.add(LogReading(
            t: nil, name: PMICCalibration.channel, quantity: .power, value: PMICCalibration.boardPower(railSum: sum), unit: "W"))
        return true
    }
}
