import EdgeBenchCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file mapped read-only into memory. Pages already read can be handed back (`release(before:)`), so
/// walking a 1 GB bundle front to back keeps only a few MB of it resident: mapped pages count in a
/// process's RSS once touched, and the point of streaming is that memory does not grow with the file.
final class MappedFile: @unchecked Sendable {
    let url: URL
    let bytes: UnsafeRawBufferPointer
    private let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    /// everything before this offset has been released
    private var releasedUpTo = 0
    /// release in steps of this much, not page by page (each call is a system call)
    private let releaseStep = 8 << 20

    init(url: URL) throws {
        self.url = url
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw Self.error(url, errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.error(url, errno) }
        let size = Int(status.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw Self.error(url, errno)
        }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    /// Hands back the pages wholly before `offset` (they are read again from the file if touched later).
    func release(before offset: Int) {
        guard let base = bytes.baseAddress, offset - releasedUpTo >= releaseStep else { return }
        let end = offset / pageSize * pageSize
        guard end > releasedUpTo else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + releasedUpTo), end - releasedUpTo, MADV_DONTNEED)
        releasedUpTo = end
    }

    /// Starts releasing from the beginning again (before a second walk over the same pages).
    func rewind() { releasedUpTo = 0 }

    private static func error(_ url: URL, _ code: Int32) -> BundleError {
        BundleError(message: "cannot read bundle \(url.path): \(String(cString: strerror(code))); check the path")
    }
}
