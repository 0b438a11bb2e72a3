/// `/sys/kernel/debug/rknpu/load` captures: `NPU load:  Core0: 86%, Core1: 84%, Core2: 61%,` (RK3588,
/// three cores) or `NPU load:  35%` (single-core NPUs and older drivers). One line per read; a capture
/// of a loop has one line per sample, without time. Readings: `NPU core0` … or `NPU`, in % (0–100).
///
/// The driver computes load from busy time over its sampling period and can overflow, printing
/// figures above 100 %. Such a value is not believed: that core gets no reading for that line
/// (neither clamped to 100 % nor read as 0), the other cores keep theirs.
public enum RKNPULoadLog: TelemetryLogParser {
    public static let format = "rknpu"
    static let path = "/sys/kernel/debug/rknpu/load"
    static let expected = "`NPU load:  Core0: <n>%, Core1: <n>%, …` or `NPU load: <n>%`"

    public static func parse(_ text: String) throws -> TelemetryLog {
        var readings: [LogReading] = []
        for (number, raw) in CaptureLines.numbered(text) {
            guard let line = CaptureLines.content(raw, commands: [path, "rknpu/load"]) else { continue }
            guard let cores = cores(in: line) else {
                throw TelemetryLogError(format: format, line: number, text: String(raw), expected: expected)
            }
            for core in cores where core.percent <= 100 {
                readings.append(LogReading(t: nil, name: core.name, quantity: .utilisation, value: core.percent, unit: "%"))
            }
        }
        return TelemetryLog(source: .init(format: format, boundary: .system), readings: readings)
    }

    /// (name, %) of each core on one load line, over-100 values included; nil when it is not a load line.
    static func cores(in line: Substring) -> [(name: String, percent: Double)]? {
        guard line.hasPrefix("NPU load:") else { return nil }
        let body = line.dropFirst("NPU load:".count)
        let entries = body.split(separator: ",").map { SysfsText.trimmed($0) }.filter { !$0.isEmpty }
        guard !entries.isEmpty else { return nil }
        var cores: [(name: String, percent: Double)] = []
        for entry in entries {
            let parts = entry.split(separator: ":", maxSplits: 1)
            let label = parts.count == 2 ? SysfsText.trimmed(parts[0]) : nil
            let value = SysfsText.trimmed(parts.count == 2 ? parts[1] : parts[0])
            guard value.hasSuffix("%"), let percent = Double(SysfsText.trimmed(value.dropLast())), percent.isFinite, percent >= 0
            else { return nil }
            if let label {
                guard label.hasPrefix("Core"), let index = Int(label.dropFirst(4)) else { return nil }
                cores.append(("NPU core\(index)", percent))
            } else {
                guard entries.count == 1 else { return nil }
                cores.append(("NPU", percent))
            }
        }
        return cores
    }
}
