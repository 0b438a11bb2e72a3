#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The scripted server's own record of when it received each generation request and when it wrote each
/// token chunk, one JSON line per stream, for measuring a client's timing error against the sender
/// (`bench/peers.sh`). Times are nanoseconds on `CLOCK_MONOTONIC` (shared by every process on the
/// machine: Python's `time.monotonic_ns()`/`perf_counter_ns()`), with the `CLOCK_REALTIME` reading
/// taken together with the receive stamp so wall-clock client timestamps can be placed too.
///
/// Lines are written after the stream has finished, off the timed path.
public final class SendLog: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw TestServerError.fixtureUnreadable(path: path, reason: "cannot create the send log")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    public static func monotonicNanoseconds() -> UInt64 { now(CLOCK_MONOTONIC) }
    public static func realtimeNanoseconds() -> UInt64 { now(CLOCK_REALTIME) }

    private static func now(_ clock: clockid_t) -> UInt64 {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// When a request arrived: both clocks, read back to back.
    public struct Received: Sendable {
        public let monotonic: UInt64
        public let realtime: UInt64
        public static func now() -> Received {
            Received(monotonic: SendLog.monotonicNanoseconds(), realtime: SendLog.realtimeNanoseconds())
        }
    }

    func append(path: String, received: Received, tokenWrites: [UInt64]) {
        var line = #"{"path":"# + JSONText.string(path) + #","received_mono_ns":"# + String(received.monotonic)
            + #","received_real_ns":"# + String(received.realtime) + #","token_write_mono_ns":["#
        line += tokenWrites.map(String.init).joined(separator: ",")
        line += "]}\n"
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(line.utf8))
    }
}
