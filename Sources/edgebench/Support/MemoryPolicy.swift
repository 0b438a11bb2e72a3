#if canImport(Glibc)
import Glibc
#endif

/// How this process's allocator hands memory back, set once before anything allocates much.
enum MemoryPolicy {
    /// glibc serves a block of 128 KiB or more with its own mmap, but raises that threshold to the size
    /// of every such block freed (up to 32 MiB): after the first long request, its token timeline, ITL
    /// list and stored JSON (each 0.2–1 MB at 20,000 tokens) come from the heap arenas instead, and the
    /// pages stay with the process after they are freed, request after request. A fixed threshold keeps
    /// them mmap'd, so each goes back to the system when freed and a run's memory stays flat in its
    /// length (issue 12 §6). Blocks this large are a few per request: the extra mmap calls cost nothing
    /// measurable.
    static func apply() {
        #if canImport(Glibc)
        // mallopt and M_MMAP_THRESHOLD live in <malloc.h>, which the Glibc module does not import: the
        // function is looked up by name, and the constant is glibc's ABI value.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mMmapThreshold: Int32 = -3
        guard let symbol = dlsym(nil, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(mMmapThreshold, 128 * 1024)
        #endif
    }
}
