#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One sysfs attribute holding an integer (a rail's mV or mA, an energy counter in µJ, a temperature in
/// m°C, a clock in kHz), read at up to 1 kHz on the board being measured. The file stays open and each
/// read is one pread(2) at offset 0, which makes the kernel produce a fresh value; the digits are parsed
/// straight from a buffer allocated once, so a read allocates nothing and takes no path lookup.
///
/// A read that fails closes the file, so a sensor that disappears is an error (a gap), and one that
/// comes back is opened again on the next read. A removed sysfs or procfs node answers ENODEV on its
/// open file by itself; a file elsewhere (a copied tree, a test's fake tree under `--root`) would go on
/// serving an unlinked file's old bytes, so there every read also checks that the file is still linked.
final class SysfsAttribute: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    // Guarded by `lock`.
    private var descriptor: Int32 = -1
    private var checksLink = true
    private let buffer: UnsafeMutablePointer<UInt8>
    /// Longer than any integer sysfs prints; a full buffer means the file holds something else.
    static let capacity = 64

    init(_ path: String) {
        self.path = path
        buffer = .allocate(capacity: Self.capacity)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        buffer.deallocate()
    }

    /// The attribute's integer; `expected` says what it should hold, for the error message.
    func integer(expected: String) throws(TelemetryError) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        let count = try readLocked()
        let bytes = UnsafeBufferPointer(start: buffer, count: count)
        guard count < Self.capacity, let value = Self.parseInteger(bytes) else {
            let text = String(decoding: bytes, as: UTF8.self)
            throw .malformed(path: path, text: String(SysfsText.trimmed(text).prefix(80)), expected: expected)
        }
        return value
    }

    private func readLocked() throws(TelemetryError) -> Int {
        if descriptor < 0 {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw .unreadable(path: path, reason: SmallFile.errorText(errno)) }
            descriptor = fd
            checksLink = !Self.isKernelFileSystem(path)
        }
        if checksLink {
            var status = stat()
            if fstat(descriptor, &status) == 0, status.st_nlink == 0 {
                closeLocked()
                throw .unreadable(path: path, reason: SmallFile.errorText(ENOENT))
            }
        }
        var count = pread(descriptor, buffer, Self.capacity, 0)
        while count < 0 && errno == EINTR { count = pread(descriptor, buffer, Self.capacity, 0) }
        if count < 0 {
            let reason = SmallFile.errorText(errno)
            closeLocked()
            throw .unreadable(path: path, reason: reason)
        }
        return count
    }

    private func closeLocked() {
        close(descriptor)
        descriptor = -1
    }

    /// sysfs or procfs (the real ones, not a tree under another root): their open files report removal themselves.
    private static func isKernelFileSystem(_ path: String) -> Bool {
        path.hasPrefix("/sys/") || path.hasPrefix("/proc/")
    }

    /// A decimal integer with optional sign, surrounded by any whitespace or NUL padding; nil otherwise
    /// (including on overflow).
    static func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        func isPadding(_ byte: UInt8) -> Bool { byte == 0 || byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = 0
        var end = bytes.count
        while start < end, isPadding(bytes[start]) { start += 1 }
        while end > start, isPadding(bytes[end - 1]) { end -= 1 }
        var negative = false
        if start < end, bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "+") {
            negative = bytes[start] == UInt8(ascii: "-")
            start += 1
        }
        guard start < end else { return nil }
        var value: Int64 = 0
        for index in start..<end {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(Int64(digit))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return negative ? -value : value
    }
}
