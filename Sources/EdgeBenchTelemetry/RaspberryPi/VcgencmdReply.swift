/// Replies of the one-value vcgencmd commands. Each takes the command's output (or a capture holding it)
/// and reads the first line with the expected key, so prompts and neighbouring commands do no harm.
public enum VcgencmdReply {
    /// `measure_temp`: `temp=48.3'C` → 48.3 (°C, the SoC sensor).
    public static func temperature(_ reply: String) throws -> Double {
        let expected = "temp=<degrees>'C"
        let value = try value(in: reply, key: "temp=", command: "measure_temp", expected: expected)
        let number = value.line.hasSuffix("'C") ? value.line.dropLast(2) : value.line[...]
        guard let celsius = Double(number), celsius.isFinite else {
            throw TelemetryLogError(format: "vcgencmd measure_temp", line: value.number, text: value.text, expected: expected)
        }
        return celsius
    }

    /// `measure_clock <domain>`: `frequency(48)=1500004352` → Hz. The number in brackets is the firmware's
    /// clock id (45/48 on Pi 3/4, 0 on Pi 5), not part of the value. 0 is a real reading: an idle,
    /// power-gated domain (v3d) reports 0.
    public static func frequency(_ reply: String) throws -> Double {
        let expected = "frequency(<id>)=<hertz>"
        let value = try value(in: reply, key: "frequency(", command: "measure_clock", expected: expected)
        guard let close = value.line.firstIndex(of: ")"),
              value.line[value.line.index(after: close)...].hasPrefix("="),
              let hertz = Double(value.line[value.line.index(close, offsetBy: 2)...]), hertz.isFinite, hertz >= 0
        else {
            throw TelemetryLogError(format: "vcgencmd measure_clock", line: value.number, text: value.text, expected: expected)
        }
        return hertz
    }

    /// What follows `key` on the first line holding it, up to a blank or `#`; the line's number and text.
    static func value(in reply: String, key: String, command: String, expected: String) throws -> (line: Substring, number: Int, text: String) {
        for (number, raw) in CaptureLines.numbered(reply) {
            guard let line = CaptureLines.content(raw, commands: ["vcgencmd"]), let range = line.range(of: key) else { continue }
            let rest = line[range.upperBound...]
            let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "#" }) ?? rest.endIndex
            let value = key.hasSuffix("(") ? line[range.lowerBound..<end].dropFirst(key.count - 1) : rest[..<end]
            return (value, number, String(raw))
        }
        let first = reply.split(separator: "\n").first.map(String.init) ?? ""
        throw TelemetryLogError(format: "vcgencmd \(command)", line: 1, text: first, expected: expected)
    }
}
