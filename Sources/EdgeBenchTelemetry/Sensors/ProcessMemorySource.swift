#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import EdgeBenchCore

/// The engine's memory from `/proc/<pid>/status` (kB → bytes): `engine_rss` (VmRSS)
/// and `engine_rss_peak` (VmHWM, the kernel's high-water mark, so a peak between
/// two samples is not missed). Once the process exits, `read()` throws
/// `TelemetryError.processExited` and the sampler records a gap.
public struct ProcessMemorySource: TelemetrySource {
    public let pid: Int32
    public let path: String
    public let description: SourceDescription

    public init(pid: Int32, root: String = "/") {
        self.pid = pid
        path = RootPath(root).path("/proc/\(pid)/status")
        description = SourceDescription(
            id: "engine", kind: "proc_status", boundary: .process,
            detail: "VmRSS and VmHWM of process \(pid) from \(path)"
        )
    }

    public func read() throws -> [Reading] {
        let text: String
        do {
            text = try SmallFile.contents(of: path)
        } catch {
            if case .unreadable = error, !SmallFile.exists(path) {
                throw TelemetryError.processExited(pid: pid, path: path)
            }
            throw error
        }
        do {
            let fields = try SysfsText.kilobyteFields(text, path: path, fields: ["VmRSS", "VmHWM"])
            return [
                Reading(channel: "engine_rss", quantity: .memory, value: fields["VmRSS"] ?? 0),
                Reading(channel: "engine_rss_peak", quantity: .memory, value: fields["VmHWM"] ?? 0),
            ]
        } catch {
            // A zombie (exited, not yet reaped) still has a status file but no Vm* lines.
            if case .missingField = error, text.contains("State:\tZ") || !text.contains("Vm") {
                throw TelemetryError.processExited(pid: pid, path: path)
            }
            throw error
        }
    }
}
