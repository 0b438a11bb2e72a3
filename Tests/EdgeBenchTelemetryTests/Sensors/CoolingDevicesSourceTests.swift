import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

/// The cooling devices of an Orange Pi 5 (board-ids/orangepi5-rk3588s-model-and-hwmon-names.txt):
/// three cpufreq clusters, the Mali GPU's devfreq and the memory controller's devfreq; a fan added.
@Suite struct CoolingDevicesSourceTests {
    static func rk3588(_ tree: FakeTree, states: [String]) throws {
        let capture = try Fixtures.text("board-ids/orangepi5-rk3588s-model-and-hwmon-names.txt")
        let types = capture.split(separator: "\n").filter { $0.hasPrefix("/sys/class/thermal/cooling_device") }
            .map { String($0.split(separator: ":", maxSplits: 1)[1]) }
        #expect(types == ["cpufreq-cpu0", "cpufreq-cpu4", "cpufreq-cpu6", "devfreq-fb000000.gpu", "devfreq-dmc"])
        for (index, type) in types.enumerated() {
            try tree.write("/sys/class/thermal/cooling_device\(index)/type", type + "\n")
            try tree.write("/sys/class/thermal/cooling_device\(index)/cur_state", states[index] + "\n")
        }
        try tree.write("/sys/class/thermal/cooling_device5/type", "pwm-fan\n")
        try tree.write("/sys/class/thermal/cooling_device5/cur_state", "3\n")
    }

    @Test func aCappedClockIsThrottlingAndAFanIsNot() throws {
        let tree = try FakeTree()
        try Self.rk3588(tree, states: ["0", "0", "0", "0", "0"])
        let source = CoolingDevicesSource(root: tree.root)
        #expect(source.devices.map(\.type) == ["cpufreq-cpu0", "cpufreq-cpu4", "cpufreq-cpu6", "devfreq-fb000000.gpu", "devfreq-dmc"])
        #expect(try source.read() == [Reading(channel: "cooling", quantity: .throttle, value: 0)])
        try tree.write("/sys/class/thermal/cooling_device3/cur_state", "2\n")
        #expect(try source.read() == [Reading(channel: "cooling", quantity: .throttle, value: 1)])
        #expect(SystemTelemetry.sources(root: tree.root, enginePID: nil, searchPath: []).contains { $0.description.id == "cooling" })
        #expect(SensorInventory.scan(root: tree.root, searchPath: []).render().contains(
            "throttling: read from cooling_device0 (cpufreq-cpu0), cooling_device1 (cpufreq-cpu4), cooling_device2 (cpufreq-cpu6), cooling_device3 (devfreq-fb000000.gpu), cooling_device4 (devfreq-dmc): cur_state > 0 flags requests throttled\n"))
    }

    @Test func anUnreadableStateIsAnErrorNotZero() throws {
        let tree = try FakeTree()
        try Self.rk3588(tree, states: ["0", "x", "0", "0", "0"])
        let source = CoolingDevicesSource(root: tree.root)
        #expect(throws: TelemetryError.self) { try source.read() }
        // …but an engaged device is known throttling whatever the others say.
        try tree.write("/sys/class/thermal/cooling_device0/cur_state", "1\n")
        #expect(try source.read() == [Reading(channel: "cooling", quantity: .throttle, value: 1)])
    }

    @Test func noCoolingDevicesNoSource() throws {
        let tree = try FakeTree()
        try tree.zone(0, type: "cpu-thermal\n", temp: "40000\n")
        #expect(CoolingDevicesSource(root: tree.root).devices.isEmpty)
        #expect(!SystemTelemetry.sources(root: tree.root, enginePID: nil, searchPath: []).contains { $0.description.id == "cooling" })
    }
}
