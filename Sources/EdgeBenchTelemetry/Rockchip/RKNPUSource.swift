#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import EdgeBenchCore

/// Rockchip NPU utilisation from `<root>/sys/kernel/debug/rknpu/load`, per core (`core0`, `core1`, …,
/// or `npu` on single-core NPUs), 0–1. A core whose figure is above 100 % (the driver's overflow)
/// is left out of that read, see `RKNPULoadLog`.
public struct RKNPUSource: TelemetrySource {
    public let path: String
    public let description: SourceDescription
    private let readFile: @Sendable (String) throws -> String

    public init(root: String = "/") {
        self.init(root: root, readFile: { path throws(TelemetryError) in try SmallFile.contents(of: path) })
    }

    /// `readFile` stands in for the kernel in tests (a root user cannot be denied a file).
    init(root: String, readFile: @escaping @Sendable (String) throws -> String) {
        path = RootPath(root).path(RKNPULoadLog.path)
        self.readFile = readFile
        description = SourceDescription(
            id: "rknpu", kind: "rknpu", boundary: .system,
            detail: "NPU utilisation per core from \(path) (debugfs, root only)")
    }

    public func read() throws -> [Reading] {
        let text: String
        do {
            text = try readFile(path)
        } catch TelemetryError.unreadable(let path, let reason) {
            throw RKNPUError(path: path, reason: reason)
        }
        let line = text.split(separator: "\n").map { SysfsText.trimmed($0) }.first { !$0.isEmpty } ?? ""
        guard let cores = RKNPULoadLog.cores(in: line) else {
            throw TelemetryError.malformed(path: path, text: String(line.prefix(80)), expected: RKNPULoadLog.expected)
        }
        return cores.filter { $0.percent <= 100 }.map { core in
            let channel = core.name == "NPU" ? "npu" : String(core.name.dropFirst("NPU ".count))
            return Reading(channel: channel, quantity: .utilisation, value: core.percent / 100)
        }
    }
}

/// The load file could not be read; says why in rknpu's terms (debugfs is root-only and often unmounted).
public struct RKNPUError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// strerror's text
    public var reason: String

    public var description: String {
        if reason == SmallFile.errorText(EACCES) || reason == SmallFile.errorText(EPERM) {
            return "cannot read \(path): \(reason); debugfs is readable by root only, so NPU load needs edgebench run as root (sudo)"
        }
        if reason == SmallFile.errorText(ENOENT) {
            return "cannot read \(path): \(reason); debugfs is not mounted (sudo mount -t debugfs none /sys/kernel/debug) "
                + "or this kernel has no rknpu driver, so NPU load is unavailable"
        }
        return "cannot read \(path): \(reason)"
    }
}
