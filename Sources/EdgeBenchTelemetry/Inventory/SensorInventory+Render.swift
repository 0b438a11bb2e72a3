import Foundation

extension SensorInventory {
    /// The `edgebench sensors` text: one block per kind, "none found (…)" where nothing is there.
    public func render() -> String {
        var lines = ["sensors under \(root)"]

        if power.isEmpty {
            lines.append("power: none found (no RAPL powercap zones, no hwmon power/voltage-current channels, no vcgencmd, tegrastats or nvidia-smi) — energy metrics will be unavailable; attach an external meter (edgebench run --power-plug, --power-command or --power-manual)")
        } else {
            lines.append("power: \(power.count) found")
            for sensor in power {
                let name = sensor.name.map { " (\($0))" } ?? ""
                let channels = sensor.channels.isEmpty ? "" : " [\(sensor.channels.joined(separator: ", "))]"
                lines.append("  \(sensor.kind) \(sensor.path)\(name)\(channels): \(sensor.note)")
            }
            for reading in powerReadings {
                let value = reading.quantity == .energyCounter
                    ? "\(Self.number(reading.value)) J (counter)" : "\(Self.number(reading.value)) W"
                lines.append("  now: \(reading.source) \(reading.channel) = \(value), \(reading.boundary.rawValue)")
            }
        }

        if thermal.isEmpty {
            lines.append("thermal: none found (no \(RootPath(root).path("/sys/class/thermal"))/thermal_zone*)")
        } else {
            lines.append("thermal: \(thermal.count) zone\(thermal.count == 1 ? "" : "s")")
            for zone in thermal {
                let value = zone.celsius.map { "\(Self.number($0)) °C" } ?? "unreadable: \(zone.error ?? "no value")"
                lines.append("  \(zone.channel) (\(zone.zone)): \(value)")
            }
        }

        if !coolingDevices.isEmpty {
            lines.append("throttling: read from \(coolingDevices.joined(separator: ", ")): cur_state > 0 flags requests throttled")
        }

        if cpufreq.isEmpty {
            lines.append("cpufreq: none found (no \(RootPath(root).path("/sys/devices/system/cpu"))/cpu*/cpufreq/scaling_cur_freq) — CPU clocks will be unavailable")
        } else {
            lines.append("cpufreq: \(cpufreq.count) CPU\(cpufreq.count == 1 ? "" : "s")")
            for clock in cpufreq {
                let value = clock.hertz.map { "\(Self.number($0 / 1e6)) MHz" } ?? "unreadable: \(clock.error ?? "no value")"
                lines.append("  \(clock.cpu): \(value)")
            }
        }

        if let total = memory.totalBytes, let available = memory.availableBytes {
            lines.append("memory: \(Self.gibibytes(total)) total, \(Self.gibibytes(available)) available (/proc/meminfo)")
        } else {
            lines.append("memory: unavailable (\(memory.error ?? "no /proc/meminfo"))")
        }

        switch npu.status {
        case "found": lines.append("npu load: \(npu.path): \(npu.note)")
        case "unknown": lines.append("npu load: not checked (\(npu.note))")
        default: lines.append("npu load: none found (\(npu.note))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Pretty, key-sorted JSON for `edgebench sensors --json`.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings and finite numbers cannot fail.
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    /// Up to three decimals, no trailing zeros: 48.75, 59.3, 2400.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func gibibytes(_ bytes: Double) -> String {
        String(format: "%.1f GiB", bytes / 1_073_741_824)
    }
}
