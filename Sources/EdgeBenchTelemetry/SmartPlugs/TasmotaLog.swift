import EdgeBenchCore

/// Tasmota energy readings: the `Status 8` reply (`{"StatusSNS":{…,"ENERGY":{…}}}`), a `tele/<topic>/SENSOR`
/// payload, or a console/MQTT log whose lines end in `… = {json}` (lines without ENERGY, such as STATE,
/// are skipped). `ENERGY.Power` is W, a scalar or one value per phase; `Total` is kWh; `Voltage` V,
/// `Current` A. Other sensors next to ENERGY (ANALOG, TempUnit) are ignored.
///
/// `Total` has three decimals, so its resolution is 1 Wh = 3600 J: fine for long runs, coarse for one
/// request, which is why the power readings come along.
public enum TasmotaLog: TelemetryLogParser {
    public static let format = "tasmota"
    static let expected = "a Tasmota Status 8 or SENSOR JSON with ENERGY"

    public static func read(_ lines: LogLines, into sink: inout some TelemetryLogSink) throws -> LogDescription {
        let (documents, skipped, text) = try PlugJSON.documents(lines, format: format, expected: expected) { line in
            if line.hasPrefix("{") { return line }
            guard let range = line.range(of: " = {") else { return nil }
            return line[line.index(after: range.lowerBound)...].dropFirst(2)
        }
        var readings: [LogReading] = []
        var phases = 1
        for (_, object) in documents {
            let sensors = (object["StatusSNS"] as? [String: Any]) ?? object
            guard let energy = sensors["ENERGY"] as? [String: Any] else { continue }
            let t = (sensors["Time"] as? String).flatMap(secondsSinceEpoch)
            func add(_ key: String, _ kind: LogReading.Kind, _ unit: String, scale: Double = 1) {
                guard let values = PlugJSON.numbers(energy[key]) else { return }
                phases = max(phases, values.count)
                // a number beyond Double once in SI (1e306 kWh) is no reading, not an infinite joule
                for (index, value) in values.enumerated() where (value * scale).isFinite {
                    let name = values.count == 1 ? "ENERGY" : "ENERGY[\(index)]"
                    readings.append(LogReading(t: t, name: name, quantity: kind, value: value * scale, unit: unit))
                }
            }
            add("Power", .power, "W")
            add("Voltage", .voltage, "V")
            add("Current", .current, "A")
            add("Total", .energy, "J", scale: 3_600_000)
        }
        guard !readings.isEmpty else {
            throw TelemetryLogError(format: format, line: 1, text: String(text.prefix(160)), expected: expected)
        }
        let single = phases == 1
        for reading in readings { sink.add(reading) }
        return LogDescription(
            source: .init(format: format, boundary: .wallAC),
            powerChannel: single ? "ENERGY" : nil,
            powerNote: single ? nil : "\(phases) phases reported separately (ENERGY[0]…): no total in the reply",
            skippedLines: skipped)
    }

    /// Tasmota's `Time` is the device's local clock without a zone ("1970-01-01T17:54:20" when it never
    /// synced), read here as UTC: only differences between readings are meaningful.
    static func secondsSinceEpoch(_ text: String) -> Double? {
        let parts = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0) }
        guard parts.count == 6, let year = parts[0], let month = parts[1], let day = parts[2],
              let hour = parts[3], let minute = parts[4], let second = parts[5], (1...12).contains(month),
              // a clock's ranges: anything else is no time, and would overflow the arithmetic below
              (0...9999).contains(year), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second) else { return nil }
        // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second)
    }
}
