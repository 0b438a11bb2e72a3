import Foundation

/// Takes a command's output out of a published shell transcript (the board-id and sensor captures of
/// `Tests/Fixtures` are copied from terminals and issue threads).
public enum ShellTranscript {
    /// The lines after the line that runs `command`, up to a blank line or the next prompt. The prompt
    /// is what precedes the command on its line; where a NUL-terminated file left no newline, the
    /// prompt (or its start) is glued to the last line and is cut off. Indentation of the whole block
    /// (notes that indent transcripts) is removed. nil when the command is not in the transcript.
    public static func output(of command: String, in text: String) -> String? {
        let lines = text.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasSuffix(command) }) else { return nil }
        let commandLine = lines[index]
        let indent = commandLine.prefix { $0 == " " }.count
        let promptEnd = commandLine.range(of: command, options: .backwards)?.lowerBound ?? commandLine.startIndex
        let prompt = String(commandLine[commandLine.index(commandLine.startIndex, offsetBy: indent)..<promptEnd])
        var output: [String] = []
        for line in lines[(index + 1)...] {
            let body = String(line.dropFirst(min(indent, line.prefix { $0 == " " }.count)))
            if body.trimmingCharacters(in: .whitespaces).isEmpty { break }
            if !prompt.trimmingCharacters(in: .whitespaces).isEmpty, body.hasPrefix(prompt) { break }
            output.append(body)
        }
        guard var last = output.popLast() else { return "" }
        if !prompt.isEmpty {
            // the longest end of the line that is a start of the prompt
            for length in stride(from: min(prompt.count, last.count), through: 1, by: -1) where last.hasSuffix(prompt.prefix(length)) {
                last = String(last.dropLast(length))
                break
            }
        }
        output.append(last)
        return output.joined(separator: "\n")
    }
}
