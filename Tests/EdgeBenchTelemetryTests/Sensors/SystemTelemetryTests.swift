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

    /// Power sources join the system ones: a RAPL package zone and an INA3221 read once (not again as hwmon).
    @Test func powerSourcesAreFoundAndAnINA3221IsReadOnce() throws {
        let tree = try FakeTree()
        try tree.write("/sys/class/powercap/intel-rapl:0/name", "package-0\n")
        try tree.write("/sys/class/powercap/intel-rapl:0/energy_uj", "26963529117\n")
        try tree.write("/sys/class/powercap/intel-rapl:0/max_energy_range_uj", "262143328850\n")
        let chip = "/sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon1"
        try tree.write(chip + "/name", "ina3221\n")
        try tree.write(chip + "/in1_label", "VDD_IN\n")
        try tree.write(chip + "/in1_input", "5080\n")
        try tree.write(chip + "/curr1_input", "1472\n")
        // the same chip as /sys/class/hwmon sees it
        try tree.write("/sys/class/hwmon/hwmon1/name", "ina3221\n")
        try tree.write("/sys/class/hwmon/hwmon1/in1_label", "VDD_IN\n")
        try tree.write("/sys/class/hwmon/hwmon1/in1_input", "5080\n")
        try tree.write("/sys/class/hwmon/hwmon1/curr1_input", "1472\n")
        let sources = SystemTelemetry.sources(root: tree.root, enginePID: nil)
        let kinds = sources.map(\.description.kind)
        #expect(kinds.filter { $0 == "hwmon" }.isEmpty, "\(kinds)")
        let ina = try #require(sources.first { $0.description.boundary == .moduleInput })
        let vddIn = try #require(try ina.read().first { $0.channel == "VDD_IN" })
        #expect(abs(vddIn.value - 5.080 * 1.472) < 1e-9)
        let rapl = try #require(sources.first { $0.description.boundary == .cpuPackage })
        #expect(try rapl.read().first?.value == 26963.529117)
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
