/// Parsing of the tiny text values sysfs and procfs hand out. Device-tree and some
/// drivers leave NUL bytes, trailing spaces or no final newline; all are tolerated.
enum SysfsText {
    static func trimmed(_ text: some StringProtocol) -> Substring {
        let scalars = Substring(text)
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isPadding(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isPadding(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return scalars[start..<end]
    }

    static func isPadding(_ character: Character) -> Bool {
        character.isWhitespace || character == "\0"
    }

    /// A single integer, as in `temp` (m°C) or `scaling_cur_freq` (kHz).
    static func integer(_ text: String, path: String, expected: String) throws(TelemetryError) -> Int64 {
        let value = trimmed(text)
        guard let number = Int64(value) else {
            throw .malformed(path: path, text: String(value.prefix(80)), expected: expected)
        }
        return number
    }

    /// `Key:   value kB` lines of /proc/meminfo and /proc/<pid>/status, converted to bytes
    /// (the kernel's "kB" means KiB). Only `fields` are returned; a missing one throws.
    static func kilobyteFields(_ text: String, path: String, fields: [String]) throws(TelemetryError) -> [String: Double] {
        var found: [String: Double] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(trimmed(line[..<colon]))
            guard fields.contains(key) else { continue }
            let rest = trimmed(line[line.index(after: colon)...])
            let parts = rest.split(whereSeparator: { isPadding($0) })
            guard let first = parts.first, let number = Int64(first), number >= 0 else {
                throw .malformed(path: path, text: String(line.prefix(80)), expected: "\"\(key): <integer> kB\"")
            }
            let unit = parts.count > 1 ? parts[1].lowercased() : ""
            found[key] = unit == "kb" ? Double(number) * 1024 : Double(number)
        }
        for field in fields where found[field] == nil {
            throw .missingField(path: path, field: field)
        }
        return found
    }

    /// `thermal_zone12` → 12 for prefix `thermal_zone`; nil when the rest is not a number.
    static func index(of name: String, prefix: String) -> Int? {
        guard name.hasPrefix(prefix) else { return nil }
        return Int(name.dropFirst(prefix.count))
    }
}
