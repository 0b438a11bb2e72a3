import EdgeBenchCore

/// `grep . /sys/class/hwmon/hwmon*/*` (or `grep "" …/*_{label,input}`) captures: one `path:value` per line.
/// Power (µW), voltage (mV), current (mA) and temperature (m°C) inputs become SI readings named
/// `<chip>/<label>`, chip = the `name` line where captured, else `hwmonN`. A chip with no power input but
/// matching `inN`/`currN` gets their product as its power, as `HwmonSource` does live.
/// A grep is one moment, so readings carry no time. Shell prompts, `grep:` complaints and other output
/// are skipped; `cat /sys/class/hwmon/hwmonN/<file>` followed by its value reads as `<path>:<value>`.
/// A dump is small (one line per sensor file), so the chips are gathered before readings go out.
public enum HwmonLog: TelemetryLogParser {
    public static let format = "hwmon"
    static let expected = "/sys/class/hwmon/hwmonN/<file>:<value>"

    public static func read(_ lines: LogLines, into sink: inout some TelemetryLogSink) throws -> LogDescription {
        var tally = LineTally(format: format)
        var chips: [String: Chip] = [:]
        var chipOrder: [String] = []
        var catPath: Substring?
        try lines.forEach(format: format) { number, raw in
            let entry: Entry
            switch CaptureLine.classify(raw, commands: []) {
            case .skipped:
                tally.skip(number, raw)
                return
            case .header(let path):
                tally.skip(number, raw)
                catPath = path
                return
            case .content(let line):
                if let path = catPath, let fromCat = Entry(path: path, value: line) {
                    catPath = nil
                    entry = fromCat
                } else if let parsed = Entry(line) {
                    catPath = nil
                    entry = parsed
                } else {
                    // `…/hwmonN/…:` that does not read is a damaged dump line; anything else is other output.
                    if line.contains("/hwmon"), let colon = line.firstIndex(of: ":") {
                        throw TelemetryLogError(
                            format: format, line: number, column: raw.column(of: colon), text: String(raw), expected: expected)
                    }
                    tally.skip(number, raw)
                    return
                }
            }
            if chips[entry.chip] == nil { chipOrder.append(entry.chip) }
            var chip = chips[entry.chip, default: Chip()]
            if entry.file == "name" {
                chip.name = entry.value
            } else if entry.file.hasSuffix("_label") {
                chip.labels[String(entry.file.dropLast("_label".count))] = entry.value
            } else if let (stem, kind) = inputStem(entry.file) {
                guard let value = Double(entry.value), value.isFinite else {
                    throw TelemetryLogError(
                        format: format, line: number, column: raw.column(of: entry.valueStart), text: String(raw),
                        expected: "an integer after \(entry.file):")
                }
                chip.inputs.append((stem, kind, value))
            }
            chips[entry.chip] = chip
        }
        guard !chipOrder.isEmpty else { throw tally.nothingParsed(expected: expected) }

        var readings: [LogReading] = []
        for key in chipOrder {
            guard let chip = chips[key] else { continue }
            let prefix = chip.name ?? key
            func name(_ stem: String) -> String { "\(prefix)/\(chip.labels[stem] ?? stem)" }
            var volts: [String: Double] = [:]
            var amps: [String: Double] = [:]
            var hasPower = false
            for (stem, kind, number) in chip.inputs {
                let index = String(stem.drop(while: \.isLetter))
                switch kind {
                case .power:
                    hasPower = true
                    readings.append(LogReading(t: nil, name: name(stem), quantity: .power, value: number / 1e6, unit: "W"))
                case .voltage:
                    volts[index] = number / 1000
                    readings.append(LogReading(t: nil, name: name(stem), quantity: .voltage, value: number / 1000, unit: "V"))
                case .current:
                    amps[index] = number / 1000
                    readings.append(LogReading(t: nil, name: name(stem), quantity: .current, value: number / 1000, unit: "A"))
                case .temperature:
                    readings.append(LogReading(t: nil, name: name(stem), quantity: .temperature, value: number / 1000, unit: "C"))
                default:
                    break
                }
            }
            if !hasPower {
                for index in volts.keys.sorted(by: { Int($0) ?? 0 < Int($1) ?? 0 }) {
                    guard let v = volts[index], let a = amps[index] else { continue }
                    let label = chip.labels["in\(index)"] ?? chip.labels["curr\(index)"] ?? "in\(index)×curr\(index)"
                    readings.append(LogReading(t: nil, name: "\(prefix)/\(label)", quantity: .power, value: v * a, unit: "W"))
                }
            }
        }

        let powerNames = readings.filter { $0.quantity == .power }.map(\.name)
        let chipNames = chipOrder.compactMap { chips[$0]?.name }
        let boundary = chipNames.count == 1 ? HwmonSource.boundary(forChip: chipNames[0]) : .boardDC
        let note: String? = powerNames.count > 1
            ? "\(powerNames.count) power channels (\(powerNames.joined(separator: ", "))): hwmon gives no whole-device figure"
            : nil
        for reading in readings { sink.add(reading) }
        return LogDescription(
            source: .init(format: format, boundary: boundary),
            powerChannel: powerNames.count == 1 ? powerNames[0] : nil, powerNote: note, skippedLines: tally.skipped)
    }

    private struct Chip {
        var name: String?
        var labels: [String: String] = [:]
        var inputs: [(stem: String, kind: LogReading.Kind, value: Double)] = []
    }

    /// `…/hwmon1/power1_input:7178000` → chip hwmon1, file power1_input, value 7178000.
    private struct Entry {
        var chip: String
        var file: String
        var value: String
        /// where the value starts in its line, for the column of an error
        var valueStart: Substring.Index

        init?(_ line: Substring) {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            self.init(path: line[..<colon], value: SysfsText.trimmed(line[line.index(after: colon)...]))
        }

        /// A value printed by `cat PATH`.
        init?(path: Substring, value: Substring) {
            let parts = path.split(separator: "/")
            guard parts.count >= 2, let chip = parts.dropLast().last, SysfsText.index(of: String(chip), prefix: "hwmon") != nil else { return nil }
            self.chip = String(chip)
            file = String(parts[parts.count - 1])
            self.value = String(value)
            valueStart = value.startIndex
        }
    }

    /// `power2_input` → ("power2", .power); nil for limits, alarms and anything not an input.
    private static func inputStem(_ file: String) -> (String, LogReading.Kind)? {
        guard file.hasSuffix("_input") else { return nil }
        let stem = String(file.dropLast("_input".count))
        let kinds: [(String, LogReading.Kind)] = [("power", .power), ("in", .voltage), ("curr", .current), ("temp", .temperature)]
        for (prefix, kind) in kinds where SysfsText.index(of: stem, prefix: prefix) != nil {
            return (stem, kind)
        }
        return nil
    }
}
