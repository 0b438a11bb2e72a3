/// A llama-bench invocation copied next to its output (`$ ./build/bin/llama-bench -m M.gguf -r 3`):
/// it says what the markdown table leaves out (repetitions, threads when there is no column, the file).
struct LlamaBenchCommandLine: Equatable {
    /// option → its values, each spelling folded to the short form (`--repetitions` → `-r`)
    var options: [String: [String]]

    /// llama-bench's repetitions when `-r` is not given (its default in every build so far).
    static let defaultRepetitions = 5

    private static let spellings: [String: String] = [
        "--repetitions": "-r", "--threads": "-t", "--n-gpu-layers": "-ngl", "--model": "-m",
        "--flash-attn": "-fa", "--device": "-dev", "--batch-size": "-b", "--ubatch-size": "-ub",
        "--cache-type-k": "-ctk", "--cache-type-v": "-ctv", "--n-prompt": "-p", "--n-gen": "-n", "--n-depth": "-d",
    ]
    private static let takesValue: Set<String> = ["-r", "-t", "-ngl", "-m", "-fa", "-dev", "-b", "-ub", "-ctk", "-ctv", "-p", "-n", "-d"]

    /// nil unless the line runs llama-bench (a shell prompt before it is fine).
    init?(_ line: String) {
        let words = Self.words(line)
        guard let program = words.indices.first(where: { Self.isInvocation(words, at: $0) }) else { return nil }
        var options: [String: [String]] = [:]
        var index = program + 1
        while index < words.count {
            var word = words[index]
            var inline: String?
            if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
                inline = String(word[word.index(after: equals)...])
                word = String(word[..<equals])
            }
            let name = Self.spellings[word] ?? word
            if Self.takesValue.contains(name) {
                if let value = inline ?? (index + 1 < words.count ? words[index + 1] : nil) {
                    options[name, default: []].append(value)
                    if inline == nil { index += 1 }
                }
            }
            index += 1
        }
        self.options = options
    }

    /// The value of an option given once with one value; nil when absent or a list (`-t 4,8`), which
    /// would not say which table row used which value.
    func single(_ name: String) -> String? {
        guard let values = options[name], values.count == 1, !values[0].contains(",") else { return nil }
        return values[0]
    }

    func int(_ name: String) -> Int? { single(name).flatMap { Int($0) } }

    /// `-r N`, else llama-bench's default: the command line says how many repetitions each mean holds.
    var repetitions: Int? { options["-r"] == nil ? Self.defaultRepetitions : int("-r") }

    /// The program word of a command, not the name in a sentence ("I ran llama-bench twice"): a path
    /// (`./build/bin/llama-bench`), the first word, or the word after a shell prompt or `sudo`/`time`.
    private static func isInvocation(_ words: [String], at index: Int) -> Bool {
        let word = words[index]
        let name = word.split(separator: "/").last.map(String.init) ?? word
        guard name == "llama-bench" || name == "llama-bench.exe" else { return false }
        if index == 0 || word.contains("/") { return true }
        let previous = words[index - 1]
        return ["$", "#", "%", ">"].contains(previous.last.map(String.init) ?? "") || ["sudo", "time", "nice"].contains(previous)
    }

    /// Shell-like words: whitespace separates, single and double quotes group.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
