import EdgeBenchCore

/// Shelly status bodies, one per capture or one per line:
/// - Gen1 `GET /status`: `meters[i]` (`power` W, `total` in watt-minutes) or, on the EM, `emeters[i]`
///   (`power` W, `voltage` V, `total`/`total_returned` in Wh).
/// - Gen2/Gen3 RPC `Switch.GetStatus` (`apower` W, `voltage`, `current`, `aenergy.total` Wh) and
///   `Shelly.GetStatus` (`switch:N`, `pm1:N` the same; Pro 3EM `em:N` with phases a/b/c plus
///   `emdata:N` totals, or in its monophase profile `em1:N` + `em1data:N`).
/// Counters become `energy` readings in J under the same name as the power they belong to, so an
/// integrator can prefer the device's own counter. Time is the device's `unixtime` where the body has one.
public enum ShellyLog: TelemetryLogParser {
    public static let format = "shelly"
    static let expected = "a Shelly /status or RPC status JSON body"

    public static func read(_ lines: LogLines, into sink: inout some TelemetryLogSink) throws -> LogDescription {
        let (documents, skipped, text) = try PlugJSON.documents(lines, format: format, expected: expected) { line in
            line.hasPrefix("{") ? line : nil
        }
        var all: [LogReading] = []
        for (line, object) in documents {
            let found = readings(of: object)
            if found.isEmpty {
                throw TelemetryLogError(
                    format: format, line: line, text: String(String(describing: object.keys.sorted()).prefix(160)),
                    expected: "meters, emeters, apower, switch:N, pm1:N, em:N or em1:N in \(expected)")
            }
            all += found
        }
        if documents.isEmpty {
            throw TelemetryLogError(format: format, line: 1, text: String(text.prefix(160)), expected: expected)
        }
        for reading in all { sink.add(reading) }
        let (channel, note) = powerChannel(all)
        return LogDescription(source: .init(format: format, boundary: .wallAC), powerChannel: channel, powerNote: note, skippedLines: skipped)
    }

    static func readings(of object: [String: Any]) -> [LogReading] {
        let sys = object["sys"] as? [String: Any]
        let t = PlugJSON.number(object["unixtime"]) ?? PlugJSON.number(sys?["unixtime"])
        var out: [LogReading] = []
        func add(_ name: String, _ kind: LogReading.Kind, _ value: Double?, _ unit: String, scale: Double = 1) {
            // a number beyond Double once in SI (1e306 Wh) is no reading, not an infinite joule
            if let value, (value * scale).isFinite {
                out.append(LogReading(t: t, name: name, quantity: kind, value: value * scale, unit: unit))
            }
        }

        // Gen1: `total` is in watt-minutes on relays with a meter, in Wh on the EM's emeters.
        for (index, meter) in ((object["meters"] as? [[String: Any]]) ?? []).enumerated() {
            add("meters[\(index)]", .power, PlugJSON.number(meter["power"]), "W")
            add("meters[\(index)]", .energy, PlugJSON.number(meter["total"]), "J", scale: 60)
        }
        for (index, meter) in ((object["emeters"] as? [[String: Any]]) ?? []).enumerated() {
            let name = "emeters[\(index)]"
            add(name, .power, PlugJSON.number(meter["power"]), "W")
            add(name, .voltage, PlugJSON.number(meter["voltage"]), "V")
            add(name, .energy, PlugJSON.number(meter["total"]), "J", scale: 3600)
            add(name + " returned", .energy, PlugJSON.number(meter["total_returned"]), "J", scale: 3600)
        }

        // Gen2+: a bare Switch.GetStatus body, or the components of Shelly.GetStatus.
        func switchLike(_ name: String, _ status: [String: Any]) {
            add(name, .power, PlugJSON.number(status["apower"]), "W")
            add(name, .voltage, PlugJSON.number(status["voltage"]), "V")
            add(name, .current, PlugJSON.number(status["current"]), "A")
            add(name, .energy, PlugJSON.number((status["aenergy"] as? [String: Any])?["total"]), "J", scale: 3600)
        }
        if object["apower"] != nil {
            // Int(exactly:): an id no Int holds (1e19) names the switch 0 instead of trapping
            switchLike("switch:\(PlugJSON.number(object["id"]).flatMap { Int(exactly: $0) } ?? 0)", object)
        }
        for key in object.keys.sorted(by: componentOrder) {
            guard let status = object[key] as? [String: Any] else { continue }
            if key.hasPrefix("switch:") || key.hasPrefix("pm1:") {
                switchLike(key, status)
            } else if key.hasPrefix("em1:") {
                add(key, .power, PlugJSON.number(status["act_power"]), "W")
                add(key, .voltage, PlugJSON.number(status["voltage"]), "V")
                add(key, .current, PlugJSON.number(status["current"]), "A")
            } else if key.hasPrefix("em1data:") {
                let name = "em1:" + key.dropFirst("em1data:".count)
                add(name, .energy, PlugJSON.number(status["total_act_energy"]), "J", scale: 3600)
                add(name + " returned", .energy, PlugJSON.number(status["total_act_ret_energy"]), "J", scale: 3600)
            } else if key.hasPrefix("em:") {
                add(key, .power, PlugJSON.number(status["total_act_power"]), "W")
                add(key, .current, PlugJSON.number(status["total_current"]), "A")
                for phase in ["a", "b", "c"] {
                    add("\(key) \(phase)", .power, PlugJSON.number(status["\(phase)_act_power"]), "W")
                    add("\(key) \(phase)", .voltage, PlugJSON.number(status["\(phase)_voltage"]), "V")
                    add("\(key) \(phase)", .current, PlugJSON.number(status["\(phase)_current"]), "A")
                }
            } else if key.hasPrefix("emdata:") {
                let name = "em:" + key.dropFirst("emdata:".count)
                add(name, .energy, PlugJSON.number(status["total_act"]), "J", scale: 3600)
                add(name + " returned", .energy, PlugJSON.number(status["total_act_ret"]), "J", scale: 3600)
                for phase in ["a", "b", "c"] {
                    add("\(name) \(phase)", .energy, PlugJSON.number(status["\(phase)_total_act_energy"]), "J", scale: 3600)
                }
            }
        }
        return out
    }

    /// `switch:2` before `switch:10`: components sort by type, then by number.
    static func componentOrder(_ a: String, _ b: String) -> Bool {
        let (typeA, idA) = split(a)
        let (typeB, idB) = split(b)
        return typeA != typeB ? typeA < typeB : idA < idB
    }

    private static func split(_ key: String) -> (String, Int) {
        guard let colon = key.firstIndex(of: ":"), let id = Int(key[key.index(after: colon)...]) else { return (key, -1) }
        return (String(key[..<colon]), id)
    }

    /// The one metered channel of a plug; a Pro 3EM's `em:N` total over its phases; else none, said why.
    static func powerChannel(_ readings: [LogReading]) -> (String?, String?) {
        var names: [String] = []
        for reading in readings where reading.quantity == .power && !names.contains(reading.name) { names.append(reading.name) }
        if names.count == 1 { return (names[0], nil) }
        if let total = names.first(where: { $0.hasPrefix("em:") && !$0.contains(" ") }) { return (total, "sum of phases as the meter reports it") }
        if names.isEmpty { return (nil, nil) }
        return (nil, "\(names.count) metered channels (\(names.joined(separator: ", "))): none is the whole device; choose one")
    }
}
