/// Byte offsets of a file turned into what a person looks for in an editor: 1-based line and column
/// (columns count characters, so a multi-byte UTF-8 character is one column), plus an excerpt.
struct TextLocation {
    let bytes: [UInt8]
    /// offset of the first byte of each line
    let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// 0-based line index of `offset`.
    func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    func position(of offset: Int) -> (line: Int, column: Int) {
        let index = lineIndex(of: offset)
        let start = lineStarts[index]
        // UTF-8 continuation bytes (10xxxxxx) do not start a character.
        let characters = bytes[start..<min(offset, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count
        return (index + 1, characters + 1)
    }

    /// Text of the 0-based line, without its line break.
    func lineText(_ index: Int) -> String {
        guard index < lineStarts.count else { return "" }
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > lineStarts[index], end <= bytes.count, end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[lineStarts[index]..<max(lineStarts[index], end)], as: UTF8.self)
    }

    /// The line holding `offset` and the next one (a value broken across lines shows both), numbered,
    /// with a caret under the column; a tab is shown as `\t` so it cannot hide.
    func excerpt(at offset: Int) -> String {
        let (line, column) = position(of: offset)
        let width = String(line + 1).count
        func visible<S: Sequence<Character>>(_ text: S) -> String {
            String(text.prefix(160).flatMap { $0 == "\t" ? ["\\", "t"] : [$0] })
        }
        func numbered(_ number: Int, _ text: String) -> String {
            "  " + String(repeating: " ", count: width - String(number).count) + "\(number) | " + visible(text)
        }
        let text = lineText(line - 1)
        let pad = visible(text.prefix(column - 1)).count
        var lines = [numbered(line, text)]
        lines.append("  " + String(repeating: " ", count: width) + " | " + String(repeating: " ", count: pad) + "^")
        if line < lineStarts.count, !lineText(line).isEmpty { lines.append(numbered(line + 1, lineText(line))) }
        return lines.joined(separator: "\n")
    }

    /// Up to `limit` characters from `offset`, with control characters escaped (`\n`, `\t`).
    func snippet(at offset: Int, limit: Int = 12) -> String {
        guard offset < bytes.count else { return "end of file" }
        let text = String(decoding: bytes[offset..<min(bytes.count, offset + limit * 4)], as: UTF8.self)
        var out = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let hex = String(scalar.value, radix: 16)
                out += scalar.value < 0x20 ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex : String(scalar)
            }
        }
        return out
    }
}
