import Foundation

/// Reads JSON bytes in place: checks and skips values without building them, and reads the scalars a
/// caller asks for. It exists so a bundle of a million requests can be walked one request at a time
/// (JSONDecoder builds the whole document, about 100 µs and 4 KB per request); the parts of a bundle
/// that stay small are still decoded by `BundleCodec`, with its checks and messages.
///
/// Offsets are into the whole file, so an error can say where it is (`Failure.offset` → line and column).
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Malformed JSON at `offset`; `message` says what was expected.
    struct Failure: Error, Equatable {
        var offset: Int
        var message: String
    }

    /// Deeper than this is not a bundle (and would exhaust the stack).
    static let maximumDepth = 512

    // MARK: - Structure

    @inline(__always) mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, nil at the end of the file.
    @inline(__always) mutating func peek() -> UInt8? {
        skipWhitespace()
        return offset < bytes.count ? bytes[offset] : nil
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard peek() == byte else { throw failure("expected \(what)") }
        offset += 1
    }

    /// Call with `first` true after `{`; returns the next member's key bytes (the scanner then sits on
    /// its value), or nil after the closing `}`.
    mutating func nextKey(first: inout Bool) throws -> Range<Int>? {
        let byte = peek()
        if first {
            first = false
            if byte == UInt8(ascii: "}") {
                offset += 1
                return nil
            }
        } else {
            switch byte {
            case UInt8(ascii: "}"):
                offset += 1
                return nil
            case UInt8(ascii: ","):
                offset += 1
            default:
                throw failure("expected `,` or `}` after an object member")
            }
        }
        guard peek() == UInt8(ascii: "\"") else { throw failure("expected a member name in double quotes") }
        let key = try skipString()
        try expect(UInt8(ascii: ":"), "`:` after a member name")
        return key
    }

    /// Call with `first` true after `[`; true when an element follows (the scanner sits on it), false
    /// after the closing `]`.
    mutating func nextElement(first: inout Bool) throws -> Bool {
        let byte = peek()
        if first {
            first = false
            if byte == UInt8(ascii: "]") {
                offset += 1
                return false
            }
            return true
        }
        switch byte {
        case UInt8(ascii: "]"):
            offset += 1
            return false
        case UInt8(ascii: ","):
            offset += 1
            return true
        default:
            throw failure("expected `,` or `]` after an array element")
        }
    }

    /// Checks one value and moves past it.
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < Self.maximumDepth else { throw failure("nested more than \(Self.maximumDepth) levels deep") }
        switch peek() {
        case UInt8(ascii: "{"):
            offset += 1
            var first = true
            while try nextKey(first: &first) != nil { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            offset += 1
            var first = true
            while try nextElement(first: &first) { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case nil:
            throw failure("expected a value, found the end of the file")
        default:
            _ = try numberRange()
        }
    }

    /// Moves past one value by its structure alone: strings, and brackets counted (not matched), nothing
    /// else checked. A bundle's requests are found this way when it is opened and checked in full when
    /// each is read, so the bytes of a million requests are not parsed twice. False when the file ends
    /// inside the value (the offset is then unspecified): `skipValue` from the value's start gives the
    /// exact error.
    mutating func skipStructure() -> Bool {
        skipWhitespace()
        guard offset < bytes.count else { return false }
        let opening = bytes[offset]
        guard opening == UInt8(ascii: "{") || opening == UInt8(ascii: "[") else {
            return (try? skipValue()) != nil
        }
        let end = bytes.count
        var index = offset
        var depth = 0
        return Self.structureTable.withUnsafeBufferPointer { table in
            while index < end {
                let byte = bytes[index]
                switch table[Int(byte)] {
                case 0:
                    index += 1
                case 1:  // a string: to its closing quote, escapes skipped
                    index += 1
                    while index < end {
                        let inner = bytes[index]
                        if inner == UInt8(ascii: "\"") { break }
                        index += inner == UInt8(ascii: "\\") ? 2 : 1
                    }
                    guard index < end else { return false }
                    index += 1
                case 2:
                    depth += 1
                    index += 1
                default:
                    depth -= 1
                    index += 1
                    if depth == 0 {
                        offset = index
                        return true
                    }
                }
            }
            return false
        }
    }

    /// 1: `"`, 2: `{` `[`, 3: `}` `]`, 0: anything else
    private static let structureTable: [UInt8] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "\""): 1
        case UInt8(ascii: "{"), UInt8(ascii: "["): 2
        case UInt8(ascii: "}"), UInt8(ascii: "]"): 3
        default: 0
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let start = word.utf8Start
        guard offset + count <= bytes.count,
            (0..<count).allSatisfy({ bytes[offset + $0] == start[$0] })
        else { throw failure("expected `\(word)`") }
        offset += count
    }

    // MARK: - Strings

    /// Moves past a string; returns the range of its contents (without the quotes, escapes not decoded).
    mutating func skipString() throws -> Range<Int> {
        let start = offset
        offset += 1  // the opening quote, checked by the caller
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return (start + 1)..<(offset - 1)
            }
            if byte == UInt8(ascii: "\\") {
                offset += 2
            } else if byte < 0x20 {
                throw failure("control character in a string (write it as an escape such as \\n)")
            } else {
                offset += 1
            }
        }
        offset = start
        throw failure("the file ends inside the string that starts here (the file is cut off)")
    }

    /// The decoded text of a string value.
    mutating func readString() throws -> String {
        guard peek() == UInt8(ascii: "\"") else { throw failure("expected a string") }
        let start = offset
        let range = try skipString()
        if !bytes[range].contains(UInt8(ascii: "\\")) {
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        // escapes (\n, \u00e9, surrogate pairs) are rare in a bundle: Foundation decodes them
        let quoted = Data(bytes[(range.lowerBound - 1)..<(range.upperBound + 1)])
        guard let text = (try? JSONSerialization.jsonObject(with: quoted, options: .fragmentsAllowed)) as? String else {
            offset = start
            throw failure("invalid escape in a string")
        }
        return text
    }

    /// Whether a member name (as `nextKey` returns it) is `name`; names with escapes are decoded first.
    func key(_ range: Range<Int>, is name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        if range.count == count {
            let start = name.utf8Start
            var index = 0
            while index < count, bytes[range.lowerBound + index] == start[index] { index += 1 }
            if index == count { return true }
        }
        guard bytes[range].contains(UInt8(ascii: "\\")) else { return false }
        return keyText(range) == name.description
    }

    /// The decoded text of a member name.
    func keyText(_ range: Range<Int>) -> String {
        var copy = self
        copy.offset = range.lowerBound - 1
        return (try? copy.readString()) ?? String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: - Numbers

    /// Moves past a number (JSON's grammar: -?int frac? exp?), returning its bytes' range.
    mutating func numberRange() throws -> Range<Int> {
        let start = offset
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        skipDigits()
        guard offset > integerStart else {
            offset = start
            throw failure("expected a value (an object, array, string, number, true, false or null)")
        }
        if bytes[integerStart] == UInt8(ascii: "0"), offset - integerStart > 1 {
            offset = start
            throw failure("a number may not start with 0")
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            let fraction = offset
            skipDigits()
            guard offset > fraction else { throw failure("expected a digit after the decimal point") }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            let exponent = offset
            skipDigits()
            guard offset > exponent else { throw failure("expected a digit in the exponent") }
        }
        return start..<offset
    }

    @inline(__always) private mutating func skipDigits() {
        while offset < bytes.count, bytes[offset] &- UInt8(ascii: "0") < 10 { offset += 1 }
    }

    /// A number value as the nearest Double (what JSONDecoder gives), checked and converted in one pass
    /// over its bytes (a bundle is mostly numbers: ITL gaps).
    mutating func readDouble() throws -> Double {
        guard let first = peek(), first == UInt8(ascii: "-") || first &- UInt8(ascii: "0") < 10 else {
            throw failure("expected a number")
        }
        let start = offset
        let end = bytes.count
        var index = offset
        let negative = first == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        let integerStart = index
        while index < end {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            if mantissa != 0 || digit != 0 { digits += 1 }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index += 1
        }
        guard index > integerStart else {
            throw failure("expected a value (an object, array, string, number, true, false or null)")
        }
        if bytes[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 {
            throw failure("a number may not start with 0")
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fraction = index
            while index < end {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if mantissa != 0 || digit != 0 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                scale -= 1
                index += 1
            }
            guard index > fraction else {
                offset = index
                throw failure("expected a digit after the decimal point")
            }
        }
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var sign = 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                if bytes[index] == UInt8(ascii: "-") { sign = -1 }
                index += 1
            }
            let exponentStart = index
            var exponent = 0
            while index < end {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
                index += 1
            }
            guard index > exponentStart else {
                offset = index
                throw failure("expected a digit in the exponent")
            }
            scale += sign * exponent
        }
        offset = index
        // Clinger's fast path: digits as an integer below 2^53 scaled by an exact power of ten is one
        // correctly rounded IEEE operation; it covers what EdgeBench writes (nanosecond times, counts)
        if digits <= 15, mantissa < (1 << 53), scale >= -22, scale <= 22 {
            let value = scale < 0 ? Double(mantissa) / Self.exactPowers[-scale] : Double(mantissa) * Self.exactPowers[scale]
            return negative ? -value : value
        }
        return Self.slowDouble(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
    }

    /// A number value that must be a whole number fitting an Int.
    mutating func readInt() throws -> Int {
        let start = offset
        let value = try readDouble()
        guard value.rounded() == value, let int = Int(exactly: value) else {
            offset = start
            throw failure("expected an integer")
        }
        return int
    }

    /// Powers of ten that a Double holds exactly.
    private static let exactPowers: [Double] = (0...22).map { pow(10, Double($0)) }

    /// Correctly rounded: the digits as an integer below 2^53 scaled by an exact power of ten is one
    /// IEEE operation (Clinger's fast path), which covers what EdgeBench writes (nanosecond times,
    /// counts); anything else goes to strtod. `text` is a valid JSON number.
    static func double(_ text: UnsafeRawBufferPointer) -> Double {
        var index = 0
        let negative = text[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var fraction = false
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                fraction = true
            } else if byte &- UInt8(ascii: "0") < 10 {
                if mantissa != 0 || byte != UInt8(ascii: "0") { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                if fraction { scale -= 1 }
            } else {
                break
            }
            index += 1
        }
        if index < text.count {  // exponent
            index += 1
            var sign = 1
            if text[index] == UInt8(ascii: "-") { sign = -1; index += 1 } else if text[index] == UInt8(ascii: "+") { index += 1 }
            var exponent = 0
            while index < text.count, exponent < 10_000 {
                exponent = exponent * 10 + Int(text[index] &- UInt8(ascii: "0"))
                index += 1
            }
            scale += sign * exponent
        }
        if digits <= 15, mantissa < (1 << 53), abs(scale) <= 22 {
            let value = scale < 0 ? Double(mantissa) / exactPowers[-scale] : Double(mantissa) * exactPowers[scale]
            return negative ? -value : value
        }
        return slowDouble(text)
    }

    /// The slow, general path (17 significant digits, large exponents): strtod, on a terminated copy
    /// on the stack.
    static func slowDouble(_ text: UnsafeRawBufferPointer) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer in
            for (i, byte) in text.enumerated() { buffer[i] = CChar(bitPattern: byte) }
            buffer[text.count] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    // MARK: - Errors

    func failure(_ message: String) -> Failure { Failure(offset: offset, message: message) }

    /// 1-based line and column of a byte offset (columns count bytes).
    static func lineAndColumn(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
