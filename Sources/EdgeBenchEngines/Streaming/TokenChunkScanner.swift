/// Reads the two or three fields of an ordinary token chunk without a full JSON decode, which cost
/// the harness a third of its CPU per token. Callers use it only on chunks whose shape they have
/// recognised, and fall back to `JSONDecoder` whenever a lookup returns nil.
///
/// Byte searches for key patterns such as `"stop":false` are structural: inside a JSON string every
/// quote is escaped (`\"`), so such a pattern can only match the object's own keys and values.
enum TokenChunkScanner {
    static func contains(_ bytes: [UInt8], _ needle: StaticString) -> Bool {
        find(needle, in: bytes, from: 0) != nil
    }

    /// The value of the first `"key":"…"` (whitespace after the colon allowed), unescaped.
    /// nil when the key is absent, the value is not a string (e.g. `null`), or it is malformed.
    static func string(forKey key: StaticString, in bytes: [UInt8]) -> String? {
        guard let i = valueStart(forKey: key, in: bytes) else { return nil }
        return string(at: i, in: bytes)
    }

    /// The string value starting at `valueStart` (its opening quote), unescaped; nil when it is not a
    /// string or is malformed. For positions `JSONKeyScanner` reported.
    static func string(at valueStart: Int, in bytes: [UInt8]) -> String? {
        var i = valueStart
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        let start = i
        // Common case: no escapes, one copy.
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: "\"") { return String(decoding: bytes[start..<i], as: UTF8.self) }
        return unescape(bytes, from: start)
    }

    /// True when the first `"key":` is followed by `null`.
    static func isNull(forKey key: StaticString, in bytes: [UInt8]) -> Bool {
        guard let i = valueStart(forKey: key, in: bytes) else { return false }
        return isNull(at: i, in: bytes)
    }

    /// True when the value starting at `valueStart` is `null`.
    static func isNull(at i: Int, in bytes: [UInt8]) -> Bool {
        guard i >= 0, i + 4 <= bytes.count else { return false }
        return bytes[i] == UInt8(ascii: "n") && bytes[i + 1] == UInt8(ascii: "u") && bytes[i + 2] == UInt8(ascii: "l")
            && bytes[i + 3] == UInt8(ascii: "l")
    }

    /// The number of elements of the first `"key":[…]` array of numbers; nil when absent or not such an array.
    static func numberArrayCount(forKey key: StaticString, in bytes: [UInt8]) -> Int? {
        guard var i = valueStart(forKey: key, in: bytes), i < bytes.count, bytes[i] == UInt8(ascii: "[") else {
            return nil
        }
        i += 1
        var count = 0
        var inNumber = false
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "]"): return count + (inNumber ? 1 : 0)
            case UInt8(ascii: ","):
                guard inNumber else { return nil }
                count += 1
                inNumber = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): inNumber = true
            case UInt8(ascii: " "): break
            default: return nil
            }
            i += 1
        }
        return nil
    }

    private static func valueStart(forKey key: StaticString, in bytes: [UInt8]) -> Int? {
        let keyLength = key.utf8CodeUnitCount
        var from = 0
        while let at = find(key, in: bytes, from: from) {
            // The key must be a whole quoted key: `"key"` followed by optional spaces and a colon.
            let before = at - 1
            var i = at + keyLength
            if before >= 0, bytes[before] == UInt8(ascii: "\""), i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                i += 1
                while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
                if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                    i += 1
                    while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
                    return i
                }
            }
            from = at + 1
        }
        return nil
    }

    private static func find(_ needle: StaticString, in bytes: [UInt8], from: Int) -> Int? {
        needle.withUTF8Buffer { n -> Int? in
            guard let first = n.first, n.count <= bytes.count else { return nil }
            var i = from
            let last = bytes.count - n.count
            while i <= last {
                if bytes[i] == first {
                    var j = 1
                    while j < n.count, bytes[i + j] == n[j] { j += 1 }
                    if j == n.count { return i }
                }
                i += 1
            }
            return nil
        }
    }

    /// JSON string unescaping from `start` (just after the opening quote) to the closing quote.
    private static func unescape(_ bytes: [UInt8], from start: Int) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count - start)
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { return nil }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(bytes, at: i) else { return nil }
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by `\u` and a low surrogate.
                    guard i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u"),
                          let low = hex4(bytes, at: i + 2), (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: return nil
            }
        }
        return nil
    }

    private static func hex4(_ bytes: [UInt8], at i: Int) -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for b in bytes[i..<(i + 4)] {
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
