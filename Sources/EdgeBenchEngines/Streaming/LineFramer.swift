import EdgeBenchCore

/// Incremental framing of newline-delimited JSON (Ollama's NDJSON, StackFlow's JSON lines): one
/// frame per non-blank line, CR before LF dropped. Like `SSEParser` it copies bytes in runs into a
/// reusable buffer, since it runs once per network read on the board being measured. A line is held up
/// to `maxLineBytes` (see `StreamFraming`).
public struct LineFramer: Sendable {
    private var line: [UInt8] = []
    public let maxLineBytes: Int
    /// A line outgrew `maxLineBytes`: its bytes were dropped and the rest of the stream is ignored.
    public private(set) var overflowed = false
    /// Bytes held for the line being read; never more than `maxLineBytes`.
    public var bufferedBytes: Int { line.count }

    public init(maxLineBytes: Int = RequestLimits.defaultMaxLineBytes) {
        self.maxLineBytes = max(1, maxLineBytes)
        line.reserveCapacity(512)
    }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ onFrame: ([UInt8]) throws -> Void) rethrows {
        if overflowed { return }
        var runStart = 0
        for index in 0..<bytes.count where bytes[index] == Self.lf {
            if runStart < index {
                guard hold(UnsafeRawBufferPointer(rebasing: bytes[runStart..<index])) else { return }
            }
            runStart = index + 1
            try emit(onFrame)
        }
        if runStart < bytes.count { _ = hold(UnsafeRawBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// Appends `run` to the line unless it would outgrow the cap; then drops the line.
    private mutating func hold(_ run: UnsafeRawBufferPointer) -> Bool {
        guard line.count + run.count <= maxLineBytes else {
            overflowed = true
            line = []
            return false
        }
        line.append(contentsOf: run)
        return true
    }

    /// Convenience for tests and small inputs.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        Array(bytes).withUnsafeBytes { feed($0) { frames.append($0) } }
        return frames
    }

    /// A last line without its newline (a server that ends the body right after the final object).
    public mutating func finish() -> [UInt8]? {
        if overflowed { return nil }
        defer { line.removeAll(keepingCapacity: true) }
        let frame = Self.trimmed(line)
        return frame.isEmpty ? nil : frame
    }

    private mutating func emit(_ onFrame: ([UInt8]) throws -> Void) rethrows {
        defer { line.removeAll(keepingCapacity: true) }
        let frame = Self.trimmed(line)
        if !frame.isEmpty { try onFrame(frame) }
    }

    /// Without surrounding whitespace (CR of CRLF, indentation); empty for a blank line.
    static func trimmed(_ line: [UInt8]) -> [UInt8] {
        var start = 0
        var end = line.count
        while start < end, Self.isSpace(line[start]) { start += 1 }
        while end > start, Self.isSpace(line[end - 1]) { end -= 1 }
        if start == 0 && end == line.count { return line }
        return Array(line[start..<end])
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
    private static let lf: UInt8 = 0x0A
}
