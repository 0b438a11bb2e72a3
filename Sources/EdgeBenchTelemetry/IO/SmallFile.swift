#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads sysfs/procfs files with open(2)/read(2) into a stack buffer.
/// This runs on the measured board at up to 1 kHz, so it avoids Foundation's
/// file APIs (which stat, allocate a Data and copy) and any heap buffer per read.
enum SmallFile {
    /// Large enough for /proc/<pid>/status and /proc/meminfo (≈1.5 KiB each);
    /// longer files are cut here, which no source in this module reads.
    static let capacity = 16 * 1024

    static func contents(of path: String) throws(TelemetryError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(path: path, reason: errorText(errno)) }
        defer { close(fd) }
        let result: Result<String, TelemetryError> = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            guard let base = buffer.baseAddress else { return .success("") }
            var total = 0
            while total < capacity {
                let count = read(fd, base + total, capacity - total)
                if count < 0 {
                    if errno == EINTR { continue }
                    return .failure(.unreadable(path: path, reason: errorText(errno)))
                }
                if count == 0 { break }
                total += count
            }
            return .success(String(decoding: UnsafeBufferPointer(start: base, count: total), as: UTF8.self))
        }
        return try result.get()
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
    static func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }
    static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
