/// Line handling shared by the parsers of pasted command output (vcgencmd, nvidia-smi, rknpu):
/// captures come from READMEs, issues and scripts, so they carry shell prompts, echoed commands,
/// markdown backticks, `# ` comment prefixes and `...` where the author cut the output.
enum CaptureLines {
    /// The line without surrounding blanks, a leading `# ` (a script quoting its output in comments)
    /// and wrapping backticks; nil for a line that carries no output (blank, elision, prompt, command).
    static func content(_ raw: Substring, commands: [String]) -> Substring? {
        var line = SysfsText.trimmed(raw)
        if line.hasPrefix("#") { line = SysfsText.trimmed(line.dropFirst()) }
        while line.hasPrefix("`") { line = line.dropFirst() }
        while line.hasSuffix("`") { line = line.dropLast() }
        line = SysfsText.trimmed(line)
        if line.isEmpty || line.allSatisfy({ $0 == "." || $0 == "…" }) { return nil }
        if line.hasPrefix("$ ") || line.hasPrefix("> ") || line == ">" { return nil }
        // `pi@pi5:~ $ vcgencmd …`, `sudo cat /sys/kernel/debug/rknpu/load`: output never names its command
        if commands.contains(where: { line.contains($0) }) { return nil }
        return line
    }

    /// Numbered lines (1-based) of `text`, as the parsers report them in errors.
    static func numbered(_ text: String) -> [(number: Int, text: Substring)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { ($0.offset + 1, $0.element) }
    }
}
