import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct HwmonSourceTests {
    /// The X-Gene capture rebuilt as a tree: power1 7178000 µW = 7.178 W "CPU power", power2 12141000 µW =
    /// 12.141 W "IO power"; hwmon0 has only a temperature, so it is no power source.
    @Test func xgenePowerFromCapture() throws {
        let capture = try Fixtures.text("powercap-hwmon/hwmon-apm_xgene-power-uW-arm-server-grep.txt")
        let tree = try FakeTree()
        for line in capture.split(separator: "\n") where line.hasPrefix("/sys/class/hwmon/") {
            let colon = line.firstIndex(of: ":")!
            try tree.write(String(line[..<colon]), line[line.index(after: colon)...] + "\n")
        }
        try tree.write("/sys/class/hwmon/hwmon1/name", "apm_xgene\n")
        let (sources, problems) = HwmonSource.discover(root: tree.root)
        #expect(problems.isEmpty)
        let source = try #require(sources.first)
        #expect(sources.count == 1)
        #expect(source.description.id == "hwmon:apm_xgene")
        #expect(source.description.boundary == .socRails)
        #expect(try source.read() == [
            Reading(channel: "CPU power", quantity: .power, value: 7.178),
            Reading(channel: "IO power", quantity: .power, value: 12.141),
        ])
    }

    /// INA3221 (Jetson-style): in1 5080 mV × curr1 1472 mA = 7.47776 W; in4 (a shunt voltage) has no curr4.
    @Test func ina3221VoltageTimesCurrent() throws {
        let tree = try FakeTree()
        let chip = "/sys/class/hwmon/hwmon3"
        try tree.write("\(chip)/name", "ina3221\n")
        try tree.write("\(chip)/in1_label", "VDD_IN\n")
        try tree.write("\(chip)/in1_input", "5080\n")
        try tree.write("\(chip)/curr1_input", "1472\n")
        try tree.write("\(chip)/in2_label", "VDD_CPU_GPU_CV\n")
        try tree.write("\(chip)/in2_input", "5072\n")
        try tree.write("\(chip)/curr2_input", "320\n")
        try tree.write("\(chip)/in4_input", "7\n")
        let (sources, _) = HwmonSource.discover(root: tree.root)
        let source = try #require(sources.first)
        #expect(source.description.boundary == .boardDC)
        #expect(source.description.detail.contains("assumed board DC"))
        let readings = try source.read()
        #expect(readings.map(\.channel) == ["VDD_IN", "VDD_CPU_GPU_CV"])
        #expect(abs(readings[0].value - 7.47776) < 1e-12)
        #expect(abs(readings[1].value - 1.62304) < 1e-12)
    }

    /// INA226 has power1_input itself: it wins over its in/curr inputs; no label → "power1".
    @Test func powerInputWinsOverProduct() throws {
        let tree = try FakeTree()
        try tree.write("/sys/class/hwmon/hwmon0/name", "ina226\n")
        try tree.write("/sys/class/hwmon/hwmon0/power1_input", "4250000\n")
        try tree.write("/sys/class/hwmon/hwmon0/in1_input", "12000\n")
        try tree.write("/sys/class/hwmon/hwmon0/curr1_input", "354\n")
        let (sources, _) = HwmonSource.discover(root: tree.root)
        #expect(try sources.first?.read() == [Reading(channel: "power1", quantity: .power, value: 4.25)])
    }

    @Test func usbPowerDeliveryContractIsAProblem() throws {
        let tree = try FakeTree()
        try tree.write("/sys/class/hwmon/hwmon2/name", "tcpm_source_psy_4_0022\n")
        try tree.write("/sys/class/hwmon/hwmon2/in0_input", "5000\n")
        try tree.write("/sys/class/hwmon/hwmon2/curr0_input", "3000\n")
        let (sources, problems) = HwmonSource.discover(root: tree.root)
        #expect(sources.isEmpty)
        #expect(problems == ["hwmon hwmon2 (tcpm_source_psy_4_0022) is a USB-PD supply: it reports the negotiated contract, not a measurement, so it is not used as a power source"])
    }

    @Test func twoChipsOfOneDriverGetDistinctIDsAndBadChannelsAreSkipped() throws {
        let tree = try FakeTree()
        for chip in [0, 1] {
            try tree.write("/sys/class/hwmon/hwmon\(chip)/name", "ina219\n")
            try tree.write("/sys/class/hwmon/hwmon\(chip)/power1_input", "1000000\n")
        }
        try tree.write("/sys/class/hwmon/hwmon1/power2_input", "N/A\n")
        let (sources, _) = HwmonSource.discover(root: tree.root)
        #expect(sources.map(\.description.id) == ["hwmon:ina219", "hwmon:ina219#1"])
        #expect(try sources[1].read() == [Reading(channel: "power1", quantity: .power, value: 1)])
    }

    /// `energyN_input` (cumulative µJ, Documentation/hwmon/sysfs-interface.rst) is read as an energy counter
    /// in J and wins over the chip's power channel; a counter that goes back (a driver reset) adds nothing.
    @Test func energyCounterWinsAndNeverGoesBack() throws {
        let tree = try FakeTree()
        let chip = "/sys/class/hwmon/hwmon4"
        try tree.write("\(chip)/name", "ina238\n")
        try tree.write("\(chip)/energy1_input", "1500000\n")
        try tree.write("\(chip)/power1_input", "4250000\n")
        let (sources, _) = HwmonSource.discover(root: tree.root)
        let source = try #require(sources.first)
        #expect(source.channels.map(\.channel) == ["energy1"])
        #expect(try source.read() == [Reading(channel: "energy1", quantity: .energyCounter, value: 1.5)])
        try tree.write("\(chip)/energy1_input", "4000000\n")
        #expect(try source.read() == [Reading(channel: "energy1", quantity: .energyCounter, value: 4)])
        try tree.write("\(chip)/energy1_input", "10\n")
        #expect(try source.read() == [Reading(channel: "energy1", quantity: .energyCounter, value: 4)])
        try tree.write("\(chip)/energy1_input", "1000010\n")
        #expect(try source.read() == [Reading(channel: "energy1", quantity: .energyCounter, value: 5)])
    }

    /// amd_energy (Documentation/hwmon/amd_energy.rst): per-core `Ecore…` and per-socket `Esocket…` counters
    /// of the CPU package; energy comes from the socket counter, never a core's or a sum of both.
    @Test func amdEnergySocketCounterIsTheCPUPackage() throws {
        let tree = try FakeTree()
        let chip = "/sys/class/hwmon/hwmon2"
        try tree.write("\(chip)/name", "amd_energy\n")
        for (index, label) in ["Ecore000", "Ecore001", "Esocket0"].enumerated() {
            try tree.write("\(chip)/energy\(index + 1)_label", label + "\n")
        }
        try tree.write("\(chip)/energy1_input", "2000000\n")
        try tree.write("\(chip)/energy2_input", "3000000\n")
        try tree.write("\(chip)/energy3_input", "9000000\n")
        let source = try #require(HwmonSource.discover(root: tree.root).sources.first)
        #expect(source.description.boundary == .cpuPackage)
        let first = try source.read()
        #expect(first.map(\.channel) == ["Ecore000", "Ecore001", "Esocket0"])
        try tree.write("\(chip)/energy3_input", "21000000\n")
        let second = try source.read()
        let samples = [(0.0, first), (1.0, second)].flatMap { time, readings in
            readings.map { Sample(at: Instant(nanoseconds: UInt64(time * 1e9)), source: source.description.id, reading: $0) }
        }
        let series = try #require(PowerSelection.primary(sources: [source.description], samples: samples))
        #expect(series.channel == "Esocket0")
    }
}
