import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct SystemTelemetryTests {
    @Test func onlySourcesThatExist() throws {
        let tree = try FakeTree()
        try tree.write("/proc/meminfo", MemorySourceTests.meminfo)
        try tree.write("/proc/12/status", "VmHWM:\t  100 kB\nVmRSS:\t  90 kB\n")
        #expect(SystemTelemetry.sources(root: tree.root, enginePID: 12).map(\.description.id) == ["memory", "engine"])
        #expect(SystemTelemetry.sources(root: tree.root, enginePID: 13).map(\.description.id) == ["memory"])

        try tree.zone(0, type: "cpu-thermal\n", temp: "59300\n")
        try tree.cpu(0, kilohertz: "2400000\n")
        #expect(SystemTelemetry.sources(root: tree.root, enginePID: nil).map(\.description.id) == ["thermal", "cpufreq", "memory"])
    }

    @Test func emptyTreeHasNoSources() throws {
        let tree = try FakeTree()
        #expect(SystemTelemetry.sources(root: tree.root, enginePID: 1).isEmpty)
    }

    @Test func thisMachineHasMemoryAndThisProcess() {
        let ids = SystemTelemetry.sources(enginePID: getpid()).map(\.description.id)
        #expect(ids.contains("memory"))
        #expect(ids.last == "engine")
    }
}
