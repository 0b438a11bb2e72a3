import EdgeBenchCore

/// `vcgencmd pmic_read_adc` output (Raspberry Pi 5): every rail's current (A) and voltage (V), the power
/// of each rail that has both, and the board input power estimated from them (`pmic_estimate`, see
/// `PMICCalibration`). A capture holding several dumps (a loop) is split where a rail repeats; the dumps
/// carry no time, so readings have none.
public enum PMICLog: TelemetryLogParser {
    public static let format = "pmic"

    public static func parse(_ text: String) throws -> TelemetryLog {
        var dumps: [[PMICLine]] = [[]]
        for (number, raw) in CaptureLines.numbered(text) {
            guard let line = CaptureLines.content(raw, commands: ["vcgencmd"]) else { continue }
            guard let parsed = PMICLine(line) else {
                throw TelemetryLogError(
                    format: format, line: number, text: String(raw),
                    expected: "`<RAIL>_A current(<n>)=<amps>A` or `<RAIL>_V volt(<n>)=<volts>V`")
            }
            if dumps[dumps.count - 1].contains(where: { $0.name == parsed.name }) { dumps.append([]) }
            dumps[dumps.count - 1].append(parsed)
        }
        var readings: [LogReading] = []
        var estimated = false
        for dump in dumps where !dump.isEmpty {
            for line in dump {
                readings.append(line.kind == .current
                    ? LogReading(t: nil, name: line.name, quantity: .current, value: line.value, unit: "A")
                    : LogReading(t: nil, name: line.name, quantity: .voltage, value: line.value, unit: "V"))
            }
            let rails = PMICLine.railPowers(dump)
            for rail in rails {
                readings.append(LogReading(t: nil, name: rail.rail, quantity: .power, value: rail.watts, unit: "W"))
            }
            // No pair, no estimate: the calibration's offset alone would pass for a reading.
            guard !rails.isEmpty else { continue }
            let sum = rails.reduce(0) { $0 + $1.watts }
            readings.append(LogReading(
                t: nil, name: PMICCalibration.channel, quantity: .power,
                value: PMICCalibration.boardPower(railSum: sum), unit: "W"))
            estimated = true
        }
        return TelemetryLog(
            source: .init(format: format, boundary: .boardDC, estimate: estimated),
            readings: readings,
            powerChannel: estimated ? PMICCalibration.channel : nil,
            powerNote: estimated
                ? "Pi 5 calibration: 1.1327 × Σ(V×I of the PMIC rails) + 0.6444 W, an estimate of the 5 V input"
                : "no rail has both a current and a voltage line (cut capture?): no power estimate")
    }
}
