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
    /// Read on the sampler's thread several times a second, so it walks bytes, not Characters.
    static func kilobyteFields(_ text: String, path: String, fields: [String]) throws(TelemetryError) -> [String: Double] {
        var found: [String: Double] = [:]
        let wanted = fields.map { Array($0.utf8) }
        var text = text
        let failure: TelemetryError? = text.withUTF8 { bytes -> TelemetryError? in
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
                let key = trimmedBytes(line[..<colon])
                guard let field = wanted.firstIndex(where: { $0.elementsEqual(key) }) else { continue }
                let words = line[(colon + 1)...].split(whereSeparator: isPaddingByte)
                guard let first = words.first, let number = decimal(first), number >= 0 else {
                    return .malformed(
                        path: path, text: String(decoding: line.prefix(80), as: UTF8.self),
                        expected: "\"\(fields[field]): <integer> kB\"")
                }
                let isKilobytes = words.count > 1 && words[words.startIndex + 1].map { $0 | 0x20 } == Array("kb".utf8)
                found[fields[field]] = isKilobytes ? Double(number) * 1024 : Double(number)
            }
            return nil
        }
        if let failure { throw failure }
        for field in fields where found[field] == nil {
            throw .missingField(path: path, field: field)
        }
        return found
    }

    private static func isPaddingByte(_ byte: UInt8) -> Bool {
        byte == 0 || byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func trimmedBytes(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isPaddingByte(bytes[start]) { start += 1 }
        while end > start, isPaddingByte(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// Decimal digits only (meminfo has no sign); nil on anything else or on overflow.
    private static func decimal(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int64? {
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in digits {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(Int64(digit))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    /// `thermal_zone12` → 12 for prefix `thermal_zone`; nil when the rest is not a number.
    static func index(of name: String, prefix: String) -> Int? {
        guard name.hasPrefix(prefix) else { return nil }
        return Int(name.dropFirst(prefix.count))
    }
}
