/// One structural pass over a small JSON object (a streamed chunk) that reports where the values of a
/// few named keys start, and the path of keys that leads to each. A token chunk's fast path needs
/// five or six facts about it (is there a `usage`, an `error`, what is `finish_reason`, where is the
/// text): asking each with its own byte search walked the chunk once per question, and
/// `JSONDecoder` builds the whole tree.
///
/// Keys are recognised as JSON does: a string followed by `:` outside any other string, so text that
/// spells a key (`\"usage\":`) never matches. It validates only the structure (one object, balanced
/// brackets, strings closed); callers read values with `TokenChunkScanner` and fall back to a full
/// decode on anything they do not recognise.
enum JSONKeyScanner {
    /// The path of a key or container: for each enclosing container from the top object down, the
    /// index in `keys` of the key whose value it is, `other` for any other key, `element` for an
    /// array element or the top object. `choices[0].delta.content` is
    /// `[element, choices, element, delta]` when `keys` holds "choices" and "delta".
    typealias Path = UnsafeBufferPointer<Int>
    static let other = -1
    static let element = -2

    /// Calls `onKey(keyIndex, valueStart, path)` for every key equal to one of `keys`, in byte order,
    /// and `onContainer(path)` for every object or array opened (its path ends with the container
    /// itself). Returns false when the bytes are not one whole object (truncated, unbalanced, text
    /// after it, mismatched brackets), nest deeper than `maxDepth`, or a key holds an escape (`"con\u0074ent"` is `content`
    /// to a decoder, not to a byte comparison): the caller must not trust what was reported then.
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, keys: [StaticString],
        onContainer: (_ path: Path) -> Void = { _ in },
        onKey: (_ key: Int, _ valueStart: Int, _ path: Path) -> Void
    ) -> Bool {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: maxDepth) { owners in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxDepth) { closers in
                scan(bytes, keys: keys, owners: owners, closers: closers, onContainer: onContainer, onKey: onKey)
            }
        }
    }

    static let maxDepth = 32

    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, keys: [StaticString], owners: UnsafeMutableBufferPointer<Int>,
        closers: UnsafeMutableBufferPointer<UInt8>, onContainer: (Path) -> Void, onKey: (Int, Int, Path) -> Void
    ) -> Bool {
        let count = bytes.count
        var i = 0
        while i < count, isSpace(bytes[i]) { i += 1 }
        guard i < count, bytes[i] == openBrace else { return false }
        var depth = 0
        // The key whose value comes next (a container opened now belongs to it).
        var pendingOwner = element
        while i < count {
            let byte = bytes[i]
            switch byte {
            case quote:
                let start = i + 1
                var j = start
                var escaped = false
                while j < count {
                    let b = bytes[j]
                    if b == quote { break }
                    if b == backslash {
                        escaped = true
                        j += 2
                    } else {
                        j += 1
                    }
                }
                guard j < count else { return false }  // unterminated string
                let end = j
                j += 1
                while j < count, isSpace(bytes[j]) { j += 1 }
                if j < count, bytes[j] == colon {
                    // A key: its value starts after the colon and any spaces.
                    j += 1
                    while j < count, isSpace(bytes[j]) { j += 1 }
                    if escaped { return false }
                    if let index = match(bytes, start, end, keys) {
                        onKey(index, j, Path(rebasing: owners[0..<depth]))
                        pendingOwner = index
                    } else {
                        pendingOwner = other
                    }
                } else {
                    pendingOwner = element  // a string value
                }
                i = j
                continue
            case openBrace, openBracket:
                guard depth < maxDepth else { return false }
                owners[depth] = pendingOwner
                closers[depth] = byte == openBrace ? closeBrace : closeBracket
                depth += 1
                pendingOwner = element
                onContainer(Path(rebasing: owners[0..<depth]))
            case closeBrace, closeBracket:
                depth -= 1
                if depth < 0 || closers[depth] != byte { return false }
                if depth == 0 {
                    // The object closed: only whitespace may follow.
                    var k = i + 1
                    while k < count, isSpace(bytes[k]) { k += 1 }
                    return k == count
                }
                pendingOwner = element
            default:
                // A comma, a number or a literal: whatever comes next is no longer the last key's value.
                pendingOwner = element
            }
            i += 1
        }
        return false  // never closed
    }

    private static func match(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ keys: [StaticString]) -> Int? {
        let length = end - start
        for (index, key) in keys.enumerated() where key.utf8CodeUnitCount == length {
            let equal = key.withUTF8Buffer { k -> Bool in
                var n = 0
                while n < length, k[n] == bytes[start + n] { n += 1 }
                return n == length
            }
            if equal { return index }
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let colon = UInt8(ascii: ":")
    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
}
