/// Line handling shared by the parsers of pasted command output (tegrastats, vcgencmd, nvidia-smi, rknpu,
/// hwmon dumps): captures come from terminals, READMEs, issues and scripts, so they carry shell prompts,
/// echoed commands, `time`'s report, markdown backticks, `# ` comment prefixes and `...` where the
/// author cut the output. Those lines are clearly not the format: they are skipped and counted, never
/// an error. A `cat PATH` line says which file the next value came from.
enum CaptureLine: Equatable {
    /// output to parse: the line without surrounding blanks, a leading `# ` and wrapping backticks
    /// (a slice of the raw line, so its indices give columns)
    case content(Substring)
    /// blank, an elision, a prompt, a command, `time` output, a tool's complaint
    case skipped
    /// `cat PATH` (after a prompt, `sudo` or `# `): the output that follows is PATH's
    case header(path: Substring)

    /// - Parameter commands: the programs whose echoed command line is skipped (output never names its command).
    static func classify(_ raw: Substring, commands: [String]) -> CaptureLine {
        var line = SysfsText.trimmed(raw)
        if line.isEmpty { return .skipped }
        if line.hasPrefix("#") { line = SysfsText.trimmed(line.dropFirst()) }
        while line.hasPrefix("`") { line = line.dropFirst() }
        while line.hasSuffix("`") { line = line.dropLast() }
        line = SysfsText.trimmed(line)
        if line.isEmpty || line.allSatisfy({ $0 == "." || $0 == "…" }) { return .skipped }
        let command = promptCommand(line)
        if let path = catPath(command ?? line) { return .header(path: path) }
        if command != nil || line == ">" { return .skipped }
        if commands.contains(where: { line.contains($0) }) { return .skipped }
        if isTimeReport(line) || isComplaint(line) { return .skipped }
        return .content(line)
    }

    /// The command typed after a shell prompt (`$ cmd`, `> cmd`, `pi@pi5:~ $ cmd`, `root@tegra-ubuntu:~# cmd`,
    /// `[root@host ~]# cmd`), "" for a bare prompt; nil when the line is no prompt.
    static func promptCommand(_ line: Substring) -> Substring? {
        if line.hasPrefix("$ ") || line.hasPrefix("> ") { return SysfsText.trimmed(line.dropFirst(2)) }
        if line == "$" { return "" }
        for marker in ["$", "#"] {
            guard let range = line.range(of: marker) else { continue }
            let before = SysfsText.trimmed(line[..<range.lowerBound])
            let after = line[range.upperBound...]
            guard after.isEmpty || after.first == " " else { continue }
            // user@host:dir, [user@host dir], host:~ — never output of the tools read here
            let shaped = before.contains("@") && (before.contains(":") || before.hasSuffix("]"))
                || (before.hasPrefix("[") && before.hasSuffix("]"))
                || before.hasSuffix(":~") || before.hasSuffix("~")
            if !before.isEmpty, shaped, !before.contains("  ") { return SysfsText.trimmed(after) }
        }
        return nil
    }

    /// `cat /sys/kernel/debug/rknpu/freq`, `sudo cat …` → the path; nil for any other command.
    static func catPath(_ command: Substring) -> Substring? {
        var words = command.split(separator: " ", omittingEmptySubsequences: true)
        if words.first == "sudo" { words.removeFirst() }
        guard words.count == 2, words[0] == "cat", words[1].hasPrefix("/") else { return nil }
        return words[1]
    }

    /// bash's and POSIX `time`: `real	0m0.005s`, `user 0m0,001s`, `sys 0.00`.
    static func isTimeReport(_ line: Substring) -> Bool {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 2, ["real", "user", "sys"].contains(words[0]) else { return false }
        return words[1].allSatisfy { $0.isASCII && ($0.isNumber || "ms.,".contains($0)) }
    }

    /// `cat: …: Input/output error`, `grep: …: Permission denied`, `bash: …: command not found`.
    static func isComplaint(_ line: Substring) -> Bool {
        ["cat:", "grep:", "sudo:", "bash:", "sh:", "zsh:"].contains { line.hasPrefix($0) }
    }
}

/// The skipped lines of one parse, and the error when nothing in the log was the format.
struct LineTally {
    let format: String
    var skipped = 0
    /// the first skipped line that was not blank: what the file holds instead
    var firstSkipped: (number: Int, text: String)?
    /// the path of the last `cat PATH` header no parser knew
    var foreignFile: Substring?

    init(format: String) { self.format = format }

    mutating func skip(_ number: Int, _ raw: Substring) {
        skipped += 1
        if firstSkipped == nil, !SysfsText.trimmed(raw).isEmpty { firstSkipped = (number, String(raw)) }
    }

    /// The log gave no reading: name its first line and what a line of the format looks like.
    func nothingParsed(expected: String) -> TelemetryLogError {
        guard let first = firstSkipped else {
            return TelemetryLogError(format: format, line: 1, text: "", expected: "\(expected); the file is empty")
        }
        let other = foreignFile.map { " (this is the output of `cat \($0)`, not a \(format) capture)" } ?? ""
        return TelemetryLogError(
            format: format, line: first.number, text: first.text,
            expected: "\(expected); no line of this file is one\(other)")
    }
}

extension Substring {
    /// 1-based column of `index` (an index of this line or of a slice of it), in characters.
    func column(of index: Substring.Index) -> Int { distance(from: startIndex, to: index) + 1 }
}

/// For the replies of commands EdgeBench runs itself (vcgencmd): the content lines, numbered.
enum CaptureLines {
    /// The line's output, nil for a line that carries none (see `CaptureLine.classify`).
    static func content(_ raw: Substring, commands: [String]) -> Substring? {
        if case .content(let line) = CaptureLine.classify(raw, commands: commands) { return line }
        return nil
    }

    /// Numbered lines (1-based) of `text`, split at LF or CRLF.
    static func numbered(_ text: String) -> [(number: Int, text: Substring)] {
        var lines: [(number: Int, text: Substring)] = []
        try? LogLines(text: text).forEach(format: "") { lines.append(($0, $1)) }
        return lines
    }
}
