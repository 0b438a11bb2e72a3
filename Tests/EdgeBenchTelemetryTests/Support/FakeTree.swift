import EdgeBenchCore
import Foundation

/// A throwaway directory that stands in for `/` (sysfs, procfs, PATH) in a test.
final class FakeTree {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("edgebench-telemetry-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ absolute: String) -> String { root + absolute }

    /// Writes `contents` byte for byte (no newline added) at `absolute` under the root.
    ///
    /// A program is written through a close-on-exec descriptor: tests run in parallel and start
    /// children from other threads, and a child that inherited a descriptor still open for writing
    /// would make every exec of this program fail with ETXTBSY for as long as it runs (see `ChildProcess`).
    func write(_ absolute: String, _ contents: String, executable: Bool = false) throws {
        let full = path(absolute)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard executable else { return try Data(contents.utf8).write(to: URL(fileURLWithPath: full)) }
        let handle = try ChildProcess.file(writingTo: full, truncate: true)
        try handle.write(contentsOf: Data(contents.utf8))
        try handle.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full)
    }

    func makeDirectory(_ absolute: String) throws {
        try FileManager.default.createDirectory(atPath: path(absolute), withIntermediateDirectories: true)
    }

    func remove(_ absolute: String) throws {
        try FileManager.default.removeItem(atPath: path(absolute))
    }

    func zone(_ index: Int, type: String, temp: String) throws {
        try write("/sys/class/thermal/thermal_zone\(index)/type", type)
        try write("/sys/class/thermal/thermal_zone\(index)/temp", temp)
    }

    func cpu(_ index: Int, kilohertz: String) throws {
        try write("/sys/devices/system/cpu/cpu\(index)/cpufreq/scaling_cur_freq", kilohertz)
    }
}
