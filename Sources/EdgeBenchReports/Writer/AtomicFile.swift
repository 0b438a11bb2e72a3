import Foundation

/// One results file written beside its target (`.NAME.UUID.tmp`) and renamed over it once whole, so a
/// reader sees the old file or the complete new one, never part of one. Text goes through a 64 KiB
/// buffer: a file of any size costs that much memory. A write that fails is remembered and reported by
/// `commit()`; a file never committed (an error was thrown on the way) is removed when it is dropped.
final class AtomicFile: TextOutputStream {
    let target: URL
    let directory: URL
    private let temporary: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var failure: String?
    private var committed = false
    private static let bufferSize = 1 << 16

    init(_ name: String, in directory: URL) throws {
        self.directory = directory
        target = directory.appendingPathComponent(name)
        temporary = directory.appendingPathComponent(".\(name).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ResultsWriterError.unwritable(directory, reason: String(cString: strerror(errno)))
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit {
        if !committed { unlink(temporary.path) }
    }

    func write(_ string: String) {
        var string = string
        string.withUTF8 { write(bytes: $0) }
    }

    func write(_ data: Data) {
        data.withUnsafeBytes { write(bytes: $0.bindMemory(to: UInt8.self)) }
    }

    func write(bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        if buffer.count + bytes.count > Self.bufferSize {
            flush()
            // A piece as large as the buffer goes straight to the file: copied in, it would grow the buffer.
            if bytes.count >= Self.bufferSize {
                put(UnsafeRawBufferPointer(bytes))
                return
            }
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { put($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func put(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            failure = ResultsWriter.reason(error)
        }
    }

    /// Writes what is buffered, closes the file and renames it over the target. Throws (naming the
    /// folder) when any write failed or the rename did; the temporary file is gone either way.
    @discardableResult
    func commit() throws -> URL {
        flush()
        do {
            try handle.close()
        } catch {
            if failure == nil { failure = ResultsWriter.reason(error) }
        }
        if let failure {
            throw ResultsWriterError.unwritable(directory, reason: "cannot write \(target.lastPathComponent) (\(failure))")
        }
        if rename(temporary.path, target.path) != 0 {
            throw ResultsWriterError.unwritable(
                directory, reason: "cannot replace \(target.lastPathComponent) (\(String(cString: strerror(errno))))")
        }
        committed = true
        return target
    }
}
