import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct RKNPUSourceTests {
    @Test func utilisationPerCoreFromFakeDebugfs() throws {
        let tree = try FakeTree()
        try tree.write("/sys/kernel/debug/rknpu/load", try Fixtures.text("rockchip/rknpu-load-rk3588-high.txt")
            .split(separator: "\n").last.map { $0 + "\n" } ?? "")
        let source = RKNPUSource(root: tree.root)
        #expect(try source.read() == [
            Reading(channel: "core0", quantity: .utilisation, value: 0.86),
            Reading(channel: "core1", quantity: .utilisation, value: 0.84),
            Reading(channel: "core2", quantity: .utilisation, value: 0.61),
        ])
        #expect(source.description.boundary == .system)
        #expect(source.description.id == "rknpu")
        #expect(source.path == tree.path("/sys/kernel/debug/rknpu/load"))
    }

    @Test func singleCoreAndOverflow() throws {
        let tree = try FakeTree()
        try tree.write("/sys/kernel/debug/rknpu/load", "NPU load:  35%\n")
        #expect(try RKNPUSource(root: tree.root).read() == [Reading(channel: "npu", quantity: .utilisation, value: 0.35)])
        try tree.write("/sys/kernel/debug/rknpu/load", "NPU load:  Core0: 2147483%, Core1:  5%, Core2:  0%,\n")
        #expect(try RKNPUSource(root: tree.root).read().map(\.channel) == ["core1", "core2"])
    }

    /// What open(2) says to a non-root user on debugfs; simulated, since tests may run as root.
    @Test func permissionDeniedSaysRootOnly() throws {
        let source = RKNPUSource(root: "/") { path throws(TelemetryError) in
            throw .unreadable(path: path, reason: SmallFile.errorText(EACCES))
        }
        let error = try #require(throws: RKNPUError.self) { try source.read() }
        #expect(error.path == "/sys/kernel/debug/rknpu/load")
        #expect(error.description
            == "cannot read /sys/kernel/debug/rknpu/load: Permission denied; debugfs is readable by root only, so NPU load needs edgebench run as root (sudo)")
    }

    @Test(.enabled(if: getuid() != 0, "root reads a mode 000 file"))
    func realPermissionDenied() throws {
        let tree = try FakeTree()
        try tree.write("/sys/kernel/debug/rknpu/load", "NPU load:  35%\n")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: tree.path("/sys/kernel/debug/rknpu/load"))
        let error = try #require(throws: RKNPUError.self) { try RKNPUSource(root: tree.root).read() }
        #expect(error.description.contains("root only"))
    }

    @Test func missingDebugfsSaysMount() throws {
        let tree = try FakeTree()
        let error = try #require(throws: RKNPUError.self) { try RKNPUSource(root: tree.root).read() }
        #expect(error.description.contains("debugfs is not mounted"))
    }

    @Test func foreignContentIsMalformed() throws {
        let tree = try FakeTree()
        try tree.write("/sys/kernel/debug/rknpu/load", "num of scheduler = 3\n")
        #expect(throws: TelemetryError.self) { try RKNPUSource(root: tree.root).read() }
    }
}
