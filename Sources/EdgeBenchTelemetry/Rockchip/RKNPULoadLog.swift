/// `/sys/kernel/debug/rknpu/load` captures: `NPU load:  Core0: 86%, Core1: 84%, Core2: 61%,` (RK3588,
/// three cores) or `NPU load:  35%` (single-core NPUs and older drivers). One line per read; a capture
/// of a loop has one line per sample, without time. Readings: `NPU core0` … or `NPU`, in % (0–100).
///
/// The driver computes load from busy time over its sampling period and can overflow, printing
/// figures above 100 %. Such a value is not believed: that core gets no reading for that line
/// (neither clamped to 100 % nor read as 0), the other cores keep theirs.
///
/// A `cat /sys/kernel/debug/rknpu/freq` (Hz) or `…/volt` (µV) header gives the bare number after it
/// its meaning: `NPU freq` in Hz, `NPU volt` in V. Output after a `cat` of any other file is skipped.
public enum RKNPULoadLog: TelemetryLogParser {
    public static let format = "rknpu"
    static let path = "/sys/kernel/debug/rknpu/load"
    static let expected = "`NPU load:  Core0: <n>%, Core1: <n>%, …` or `NPU load: <n>%`"

    /// The other rknpu debugfs files a capture may `cat`, and what their one number means.
    static let valueFiles: [(suffix: String, name: String, quantity: LogReading.Kind, unit: String, scale: Double)] = [
        ("rknpu/freq", "NPU freq", .frequency, "Hz", 1),
        ("rknpu/volt", "NPU volt", .voltage, "V", 1e-6),
    ]

    public static func read(_ lines: LogLines, into sink: inout some TelemetryLogSink) throws -> LogDescription {
        var tally = LineTally(format: format)
        var any = false
        // what the last `cat PATH` header printed: nil = the load file (or no header)
        var file: Substring?
        try lines.forEach(format: format) { number, raw in
            switch CaptureLine.classify(raw, commands: [path, "rknpu/load"]) {
            case .skipped:
                tally.skip(number, raw)
            case .header(let header):
                tally.skip(number, raw)
                file = header.hasSuffix("rknpu/load") ? nil : header
                if file != nil, !valueFiles.contains(where: { header.hasSuffix($0.suffix) }) { tally.foreignFile = header }
            case .content(let line):
                if let header = file {
                    guard let known = valueFiles.first(where: { header.hasSuffix($0.suffix) }) else {
                        tally.skip(number, raw)
                        return
                    }
                    guard let value = Double(line), value.isFinite, value >= 0 else {
                        throw TelemetryLogError(
                            format: format, line: number, column: raw.column(of: line.startIndex), text: String(raw),
                            expected: "one number after `cat \(header)`")
                    }
                    sink.add(LogReading(t: nil, name: known.name, quantity: known.quantity, value: value * known.scale, unit: known.unit))
                    any = true
                    file = nil
                    return
                }
                guard line.hasPrefix("NPU load") else {
                    tally.skip(number, raw)
                    return
                }
                guard let cores = cores(in: line) else {
                    throw TelemetryLogError(
                        format: format, line: number, column: raw.column(of: line.startIndex), text: String(raw), expected: expected)
                }
                any = true
                for core in cores where core.percent <= 100 {
                    sink.add(LogReading(t: nil, name: core.name, quantity: .utilisation, value: core.percent, unit: "%"))
                }
            }
        }
        guard any else { throw tally.nothingParsed(expected: expected) }
        return LogDescription(source: .init(format: format, boundary: .system), skippedLines: tally.skipped)
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
