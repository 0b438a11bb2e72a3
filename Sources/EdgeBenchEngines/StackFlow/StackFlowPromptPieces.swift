/// Cuts a prompt into the pieces of a streamed `inference` (`finish: false` … `finish: true`).
///
/// The firmware concatenates the pieces' JSON-escaped text before unescaping it, and llm_sys rejects a
/// message that is not valid UTF-8 (simdjson validates it), so a piece must never end inside a character;
/// splitting on `Character` boundaries also keeps grapheme clusters whole. A piece is at most `maxBytes`
/// of UTF-8 before escaping, except a single character longer than that, which travels alone.
enum StackFlowPromptPieces {
    static let maxBytes = 1024

    static func split(_ prompt: String, maxBytes: Int = maxBytes) -> [Substring] {
        var pieces: [Substring] = []
        var start = prompt.startIndex
        var bytes = 0
        var index = prompt.startIndex
        while index < prompt.endIndex {
            let next = prompt.index(after: index)
            let size = prompt.utf8.distance(from: index, to: next)
            if bytes > 0 && bytes + size > maxBytes {
                pieces.append(prompt[start..<index])
                start = index
                bytes = 0
            }
            bytes += size
            index = next
        }
        if start < prompt.endIndex { pieces.append(prompt[start...]) }
        return pieces
    }
}
