#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a captured log, numbered from 1, handed out one at a time: a file is read in 1 MiB
/// chunks, so a log of any length takes the memory of its longest line, not of the file. Lines end at
/// LF; a CR before it (a capture saved on Windows) is dropped, and Swift's `"\r\n"` being one Character
/// is why splitting text at `"\n"` is not done anywhere. A line longer than `maxLineBytes` is an error
/// (a binary file, or one without newlines), not a reason to grow without bound.
public struct LogLines: Sendable {
    enum Input: Sendable {
        case text(String)
        case file(String)
    }

    let input: Input
    public var maxLineBytes: Int

    /// 16 MiB: far above any real line (a tegrastats line is under 1 kB), far below a board's memory.
    public static let defaultMaxLineBytes = 16 << 20

    public init(text: String, maxLineBytes: Int = defaultMaxLineBytes) {
        input = .text(text)
        self.maxLineBytes = maxLineBytes
    }

    public init(file path: String, maxLineBytes: Int = defaultMaxLineBytes) {
        input = .file(path)
        self.maxLineBytes = maxLineBytes
    }

    /// Why a file could not be read at all (before any line).
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot read \(path): \(reason); check the path and its permissions" }
    }

    /// Calls `body` with each line's number and text (without its LF or CRLF). The empty remainder after
    /// a final newline is not a line. `format` names the parser in the error for an over-long line.
    public func forEach(format: String, _ body: (Int, Substring) throws -> Void) throws {
        var splitter = Splitter(maxLineBytes: maxLineBytes, format: format)
        switch input {
        case .text(let text):
            var text = text
            try text.withUTF8 { bytes in try splitter.feed(bytes, body) }
        case .file(let path):
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
            defer { close(descriptor) }
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
            defer { chunk.deallocate() }
            while true {
                let count = read(descriptor, chunk.baseAddress, chunk.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw ReadError(path: path, reason: String(cString: strerror(errno)))
                }
                if count == 0 { break }
                try splitter.feed(UnsafeBufferPointer(rebasing: chunk.bindMemory(to: UInt8.self)[0..<count]), body)
            }
        }
        try splitter.finish(body)
    }

    /// Cuts byte chunks into lines; a line split across two chunks waits in `pending`.
    struct Splitter {
        let maxLineBytes: Int
        let format: String
        var pending: [UInt8] = []
        var number = 0

        mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Substring) throws -> Void) throws {
            var start = 0
            while start < bytes.count {
                guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                    pending.append(contentsOf: bytes[start...])
                    try pending.withUnsafeBufferPointer { try checkLength($0, line: number + 1) }
                    return
                }
                if pending.isEmpty {
                    try emit(UnsafeBufferPointer(rebasing: bytes[start..<newline]), body)
                } else {
                    pending.append(contentsOf: bytes[start..<newline])
                    let line = pending
                    pending.removeAll(keepingCapacity: true)
                    try line.withUnsafeBufferPointer { try emit($0, body) }
                }
                start = newline + 1
            }
        }

        mutating func finish(_ body: (Int, Substring) throws -> Void) throws {
            guard !pending.isEmpty else { return }
            let line = pending
            pending = []
            try line.withUnsafeBufferPointer { try emit($0, body) }
        }

        private mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Substring) throws -> Void) throws {
            number += 1
            try checkLength(bytes, line: number)
            var end = bytes.count
            if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
            try body(number, Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)))
        }

        private func checkLength(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws {
            guard bytes.count > maxLineBytes else { return }
            throw TelemetryLogError(
                format: format, line: line, column: maxLineBytes + 1,
                text: String(decoding: bytes.prefix(160), as: UTF8.self),
                expected: "lines of at most \(maxLineBytes / (1 << 20)) MiB (this one is longer: a binary file, "
                    + "or a file without line breaks, is not a \(format) capture)")
        }
    }
}
