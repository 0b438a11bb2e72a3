#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Hot sysfs attributes (power rails, energy counters) read at up to 1 kHz: each stays open and is
/// re-read with one pread(2) at offset 0, which makes the kernel produce a fresh value, instead of
/// open + read + close per sample. A read that fails closes the file, so a sensor that disappears
/// is an error (a gap), and one that comes back is opened again on the next read.
enum OpenSysfsFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var descriptors: [String: Int32] = [:]

    static func contents(of path: String) throws(TelemetryError) -> String {
        let fd = try descriptor(for: path)
        let result: Result<String, TelemetryError> = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer in
            guard let base = buffer.baseAddress else { return .success("") }
            // A removed sysfs node answers ENODEV on its open file; a removed plain file (a copied or
            // fake tree) would go on answering, so an unlinked file counts as gone too.
            var status = stat()
            if fstat(fd, &status) == 0, status.st_nlink == 0 {
                return .failure(.unreadable(path: path, reason: SmallFile.errorText(ENOENT)))
            }
            var count = pread(fd, base, 4096, 0)
            while count < 0 && errno == EINTR { count = pread(fd, base, 4096, 0) }
            if count < 0 { return .failure(.unreadable(path: path, reason: SmallFile.errorText(errno))) }
            return .success(String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self))
        }
        if case .failure = result { forget(path) }
        return try result.get()
    }

    private static func descriptor(for path: String) throws(TelemetryError) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let fd = descriptors[path] { return fd }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(path: path, reason: SmallFile.errorText(errno)) }
        descriptors[path] = fd
        return fd
    }

    private static func forget(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        if let fd = descriptors.removeValue(forKey: path) { close(fd) }
    }
}
