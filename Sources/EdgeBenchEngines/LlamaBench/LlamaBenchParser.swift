import Foundation

/// What one llama-bench output held, and in which of its formats.
public struct LlamaBenchOutput: Sendable, Equatable {
    public enum Format: String, Sendable {
        /// `-o json`: one array of objects
        case json
        /// `-o jsonl`: one object per line
        case jsonl
        /// `-o csv`: a header row, then one row per test
        case csv
        /// `-o md`, the default: a table per invocation, with a `build:` line after it
        case markdown
    }

    public var format: Format
    public var tests: [LlamaBenchTest]

    public init(format: Format, tests: [LlamaBenchTest]) {
        self.format = format
        self.tests = tests
    }
}

/// Reads llama-bench output in every format it prints, old field set (b1275: cuda/opencl/… booleans,
/// no `backends`) and new (b10700+: backends, n_ubatch, n_depth, devices…), with whatever the terminal
/// added around it: ggml init lines and the command line before it, stray stderr and trailers after it.
public enum LlamaBenchParser {
    /// Reads and parses a file; errors name the file as given.
    public static func parse(contentsOf url: URL) throws(LlamaBenchParseError) -> LlamaBenchOutput {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = (error as NSError).localizedDescription
            throw LlamaBenchParseError(
                file: url.path, problem: "cannot read the file (\(reason))",
                remedy: "check the path and that the file is readable")
        }
        return try parse(Array(data), file: url.path)
    }

    /// - Parameter file: how to name the source in errors (a path, or "llama-bench output")
    public static func parse(_ raw: [UInt8], file: String) throws(LlamaBenchParseError) -> LlamaBenchOutput {
        let bytes = utf8(raw)
        let text = TextLocation(bytes)
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { throw .empty(file) }
        // The first line that opens llama-bench output decides the format; everything before it is
        // preamble (a shell prompt, ggml_cuda_init lines, warnings on stderr).
        for index in text.lineStarts.indices {
            let line = text.lineText(index)
            let content = line.trimmingWhitespace()
            if content.hasPrefix("[") || content.hasPrefix("{") {
                let indent = line.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
                do throws(LlamaBenchParseError) {
                    return try LlamaBenchJSONReader.read(text, from: text.lineStarts[index] + indent, file: file)
                } catch {
                    // Notes can hold a line like "[1] see below" before a table: a bracket that opens no
                    // JSON gives way to a table or CSV header further down; without one, the JSON error stands.
                    if hasHeader(text, after: index) { continue }
                    throw error
                }
            }
            if LlamaBenchCSVReader.isHeader(content) {
                return LlamaBenchOutput(format: .csv, tests: try LlamaBenchCSVReader.read(text, headerLine: index, file: file))
            }
            if LlamaBenchMarkdownReader.isHeader(content) {
                return LlamaBenchOutput(format: .markdown, tests: try LlamaBenchMarkdownReader.read(text, file: file))
            }
        }
        throw .unrecognised(file)
    }

    private static func hasHeader(_ text: TextLocation, after index: Int) -> Bool {
        text.lineStarts.indices.dropFirst(index + 1).contains { line in
            let content = text.lineText(line).trimmingWhitespace()
            return LlamaBenchCSVReader.isHeader(content) || LlamaBenchMarkdownReader.isHeader(content)
        }
    }

    /// PowerShell's `>` writes UTF-16 with a byte-order mark, and some editors start UTF-8 with one:
    /// both become plain UTF-8 (line and column count characters, so they stay true).
    static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        guard bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) else { return bytes }
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// An error at a byte offset: position, excerpt and the usual remedy.
    static func error(_ problem: String, at offset: Int, in text: TextLocation, file: String) -> LlamaBenchParseError {
        let (line, column) = text.position(of: offset)
        return LlamaBenchParseError(
            file: file, line: line, column: column, problem: problem, excerpt: text.excerpt(at: offset),
            remedy: LlamaBenchParseError.rerun)
    }
}
