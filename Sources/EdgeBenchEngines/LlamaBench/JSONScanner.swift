/// A JSON value as llama-bench writes it. Numbers keep their text so 64-bit sizes stay exact.
indirect enum JSONValue: Equatable, Sendable {
    /// `at`: byte offset of the opening brace, so a test can be located in its file
    case object([String: JSONValue], at: Int)
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null
}

/// Where and why a JSON text stops being JSON; `offset` is a byte offset into the scanned bytes.
struct JSONSyntaxError: Error, Equatable {
    var offset: Int
    var message: String
}

/// A small recursive-descent JSON reader that knows the byte offset of every failure.
///
/// Foundation's JSONSerialization does not report reliable positions (and none on Linux for some
/// errors), while a damaged llama-bench file must be reported by line and column of the break.
struct JSONScanner {
    let bytes: [UInt8]
    private(set) var offset: Int
    /// Nesting deeper than this is not llama-bench output; stopping here keeps hostile input from
    /// exhausting the stack.
    static let maximumDepth = 64

    init(bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var atEnd: Bool { offset >= bytes.count }

    mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    mutating func value(depth: Int = 0) throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard offset < bytes.count else { throw fail("expected a value, found the end of the file") }
        guard depth < Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth) levels") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"):
            // printf("%f") of a NaN prints "nan": accepted as a number that is not finite
            if bytes[offset...].starts(with: Array("nan".utf8)) { return try literal("nan", .number("nan")) }
            return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("expected a value (object, array, string, number, true, false or null), found `\(snippet())`")
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        let start = offset
        offset += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            offset += 1
            return .object(members, at: start)
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw fail("expected a key in double quotes, found `\(snippet())`") }
            let key = try string()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw fail("expected `:` after the key \"\(key)\", found `\(snippet())`") }
            offset += 1
            members[key] = try value(depth: depth + 1)
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                offset += 1
            } else if peek(UInt8(ascii: "}")) {
                offset += 1
                return .object(members, at: start)
            } else {
                throw fail("expected `,` or `}` after the value of \"\(key)\", found `\(snippet())`")
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        offset += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            offset += 1
            return .array(elements)
        }
        while true {
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                offset += 1
            } else if peek(UInt8(ascii: "]")) {
                offset += 1
                return .array(elements)
            } else {
                throw fail("expected `,` or `]` in the array, found `\(snippet())`")
            }
        }
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        let start = offset
        offset += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll(keepingCapacity: true)
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                offset += 1
                guard offset < bytes.count else { break }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"): scalars.append(try unicodeEscape())
                default:
                    offset -= 2
                    throw fail("unknown escape `\(snippet(limit: 2))` in a string")
                }
            case 0x00..<0x20:
                throw fail("a string is broken by `\(snippet(limit: 1))` (control characters must be escaped); it began at \(lineAndColumn(start))")
            default:
                raw.append(byte)
                offset += 1
            }
        }
        offset = start
        throw fail("the file ends inside the string that starts here: the output is cut off")
    }

    /// After `\u`: four hex digits, and a second escape when they are the first half of a surrogate pair.
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800..<0xDC00).contains(high), bytes[offset...].starts(with: Array("\\u".utf8)) {
            offset += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low),
               let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) {
                return scalar
            }
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard offset + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
        else { throw fail("expected four hex digits after \\u, found `\(snippet(limit: 4))`") }
        offset += 4
        return value
    }

    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = offset
        if peek(UInt8(ascii: "-")) {
            offset += 1
            // printf("%f") of an infinity or a negative NaN
            for word in ["inf", "nan"] where bytes[offset...].starts(with: Array(word.utf8)) {
                offset += word.utf8.count
                return "-" + word
            }
        }
        let digitsStart = offset
        while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        guard offset > digitsStart else { throw fail("expected digits in a number, found `\(snippet())`") }
        if peek(UInt8(ascii: ".")) {
            offset += 1
            let fraction = offset
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
            guard offset > fraction else { throw fail("expected digits after the decimal point, found `\(snippet())`") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            offset += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { offset += 1 }
            let exponent = offset
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
            guard offset > exponent else { throw fail("expected digits in the exponent, found `\(snippet())`") }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// `true`, `false`, `null`: a mismatch is reported at the literal's first letter, since that is
    /// where the damage begins (e.g. `f` followed by a line break and `alse`).
    private mutating func literal(_ word: String, _ result: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        let expected = Array(word.utf8)
        guard bytes[offset...].starts(with: expected) else {
            let found = snippet(limit: expected.count + 3)
            let broken = bytes[offset..<min(bytes.count, offset + expected.count)].contains(UInt8(ascii: "\n"))
            throw fail("expected `\(word)`, found `\(found)`" + (broken ? " (the value is broken across lines)" : ""))
        }
        offset += expected.count
        return result
    }

    private func peek(_ byte: UInt8) -> Bool { offset < bytes.count && bytes[offset] == byte }
    private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private func snippet(limit: Int = 12) -> String { TextLocation(bytes).snippet(at: offset, limit: limit) }

    private func lineAndColumn(_ at: Int) -> String {
        let (line, column) = TextLocation(bytes).position(of: at)
        return "line \(line), column \(column)"
    }

    private func fail(_ message: String) -> JSONSyntaxError { JSONSyntaxError(offset: offset, message: message) }
}
