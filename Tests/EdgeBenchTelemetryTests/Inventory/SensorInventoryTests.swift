import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct SensorInventoryTests {
    /// The Firecracker dev VM (powercap-hwmon/firecracker-kvm-2vcpu-xeon-vm-NO-SENSORS.txt):
    /// no powercap, no hwmon, an empty /sys/class/thermal, cpu0 without cpufreq.
    @Test func machineWithNoSensorsSaysSoHonestly() throws {
        let capture = try Fixtures.text("powercap-hwmon/firecracker-kvm-2vcpu-xeon-vm-NO-SENSORS.txt")
        #expect(capture.contains("cannot access '/sys/class/powercap'"))
        let tree = try FakeTree()
        try tree.makeDirectory("/sys/class/thermal")
        try tree.write("/sys/devices/system/cpu/cpu0/uevent", "")
        try tree.write("/proc/meminfo", MemorySourceTests.meminfo)
        try tree.makeDirectory("/usr/bin")
        let inventory = SensorInventory.scan(root: tree.root, searchPath: ["/usr/bin"])
        #expect(inventory.render() == """
            sensors under \(tree.root)
            power: none found (no RAPL powercap zones, no hwmon power/voltage-current channels, no vcgencmd, tegrastats or nvidia-smi) — energy metrics will be unavailable; attach an external meter (edgebench run --power-plug, --power-command or --power-manual)
            thermal: none found (no \(tree.root)/sys/class/thermal/thermal_zone*)
            cpufreq: none found (no \(tree.root)/sys/devices/system/cpu/cpu*/cpufreq/scaling_cur_freq) — CPU clocks will be unavailable
            memory: 23.5 GiB total, 22.6 GiB available (/proc/meminfo)
            npu load: none found (no \(tree.root)/sys/kernel/debug/rknpu/load)

            """)
        #expect(!inventory.render().contains(" 0 °C"))
    }

    @Test func emptyTree() throws {
        let tree = try FakeTree()
        let inventory = SensorInventory.scan(root: tree.root, searchPath: [])
        let path = tree.path("/proc/meminfo")
        #expect(inventory.render() == """
            sensors under \(tree.root)
            power: none found (no RAPL powercap zones, no hwmon power/voltage-current channels, no vcgencmd, tegrastats or nvidia-smi) — energy metrics will be unavailable; attach an external meter (edgebench run --power-plug, --power-command or --power-manual)
            thermal: none found (no \(tree.root)/sys/class/thermal/thermal_zone*)
            cpufreq: none found (no \(tree.root)/sys/devices/system/cpu/cpu*/cpufreq/scaling_cur_freq) — CPU clocks will be unavailable
            memory: unavailable (cannot read \(path): No such file or directory; check that the file exists and that this user may read it)
            npu load: none found (no \(tree.root)/sys/kernel/debug/rknpu/load)

            """)
    }

    /// A Raspberry Pi 5: one zone at 59.3 °C (vcgencmd measure_temp in rpi/vcgencmd-temp-throttled-clock-rpi5-idle.txt),
    /// four CPUs (one idling at 1.5 GHz, cpuinfo_min_freq), vcgencmd on PATH, no powercap.
    @Test func thermalAndCpufreqTree() throws {
        let capture = try Fixtures.text("rpi/vcgencmd-temp-throttled-clock-rpi5-idle.txt")
        #expect(capture.contains("temp=59.3'C"))
        let tree = try FakeTree()
        try tree.zone(0, type: "cpu-thermal\n", temp: "59300\n")
        try tree.zone(1, type: "cpu-thermal\n", temp: "\n")
        for cpu in 0..<4 { try tree.cpu(cpu, kilohertz: cpu == 3 ? "1500000\n" : "2400000\n") }
        _ = try tree.fakeVcgencmd()
        try tree.write("/usr/local/bin/nvidia-smi", "not executable")
        let inventory = SensorInventory.scan(root: tree.root, searchPath: ["/usr/local/bin", "/usr/bin"])
        let zone1 = tree.path("/sys/class/thermal/thermal_zone1/temp")
        #expect(inventory.render() == """
            sensors under \(tree.root)
            power: 1 found
              vcgencmd \(tree.root)/usr/bin/vcgencmd: read by `edgebench run`
              now: rpi pmic_estimate = 2.873 W, board_dc
            thermal: 2 zones
              cpu-thermal (thermal_zone0): 59.3 °C
              cpu-thermal#1 (thermal_zone1): unreadable: unexpected content in \(zone1): "" (expected an integer in millidegrees Celsius)
            cpufreq: 4 CPUs
              cpu0: 2400 MHz
              cpu1: 2400 MHz
              cpu2: 2400 MHz
              cpu3: 1500 MHz
            memory: unavailable (cannot read \(tree.path("/proc/meminfo")): No such file or directory; check that the file exists and that this user may read it)
            npu load: none found (no \(tree.root)/sys/kernel/debug/rknpu/load)

            """)
        #expect(inventory.thermal[1].celsius == nil)
        #expect(inventory.cpufreq.map(\.hertz) == [2.4e9, 2.4e9, 2.4e9, 1.5e9])
    }

    /// RAPL zone names of a laptop (powercap-rapl-zone-names-psys-and-mmio-laptop.txt) and an
    /// INA3221 hwmon chip with the JetPack layout inN_input/currN_input (no power*_input).
    @Test func powerSensorsAreDetectedByPresence() throws {
        let capture = try Fixtures.text("powercap-hwmon/powercap-rapl-zone-names-psys-and-mmio-laptop.txt")
        let tree = try FakeTree()
        try tree.makeDirectory("/sys/class/powercap/intel-rapl")  // the control type: no counter
        for line in capture.split(separator: "\n") where line.hasPrefix("/sys/class/powercap/") {
            // "/sys/class/powercap/intel-rapl:0/name:package-0"
            let parts = line.split(separator: "/")
            let zone = parts[3]
            let name = line.split(separator: ":").last ?? ""
            try tree.write("/sys/class/powercap/\(zone)/name", "\(name)\n")
            try tree.write("/sys/class/powercap/\(zone)/energy_uj", "123456\n")
        }
        try tree.write("/sys/class/hwmon/hwmon2/name", "ina3221\n")
        for channel in 1...3 {
            try tree.write("/sys/class/hwmon/hwmon2/in\(channel)_input", "5000\n")
            try tree.write("/sys/class/hwmon/hwmon2/curr\(channel)_input", "800\n")
        }
        try tree.write("/sys/class/hwmon/hwmon0/name", "soc_thermal\n")
        try tree.write("/sys/class/hwmon/hwmon0/temp1_input", "40000\n")
        try tree.write("/sys/kernel/debug/rknpu/load", "NPU load:  Core0:  0%, Core1:  0%, Core2:  0%,\n")

        let inventory = SensorInventory.scan(root: tree.root, searchPath: [])
        #expect(inventory.power.map(\.kind) == ["rapl", "rapl", "rapl", "rapl", "rapl", "hwmon"])
        // sorted by directory: intel-rapl-mmio:0 sorts before intel-rapl:0
        #expect(inventory.power.map(\.path) == ["intel-rapl-mmio:0", "intel-rapl:0", "intel-rapl:0:0", "intel-rapl:0:1", "intel-rapl:1"].map { tree.path("/sys/class/powercap/\($0)") } + [tree.path("/sys/class/hwmon/hwmon2")])
        #expect(inventory.power.map(\.name) == ["package-0", "package-0", "core", "uncore", "psys", "ina3221"])
        #expect(inventory.power.last?.channels == ["in1_input×curr1_input", "in2_input×curr2_input", "in3_input×curr3_input"])
        let text = inventory.render()
        #expect(text.contains("power: 6 found\n"))
        // Listed from the run's own discovery: the MMIO zone is found but not read (it would count
        // package-0 twice), and exactly the sources the run samples are marked as read.
        #expect(inventory.power[0].note == "not read: the MMIO interface counts the same package as intel-rapl again (it would count twice)")
        #expect(inventory.power.filter { $0.note == "read by `edgebench run`" }.count == 5)
        #expect(SystemTelemetry.powerSources(root: tree.root).map(\.description.id) == ["rapl:package-0", "rapl:psys", "hwmon:ina3221"])
        #expect(text.contains("  rapl \(tree.root)/sys/class/powercap/intel-rapl:0 (package-0) [energy_uj]: read by `edgebench run`\n"))
        #expect(text.contains("  hwmon \(tree.root)/sys/class/hwmon/hwmon2 (ina3221) [in1_input×curr1_input, in2_input×curr2_input, in3_input×curr3_input]: read by `edgebench run`\n"))
        #expect(text.contains("npu load: \(tree.root)/sys/kernel/debug/rknpu/load: Rockchip NPU load; read by `edgebench run`\n"))
        #expect(!text.contains("soc_thermal"))
        // One live reading per channel EdgeBench samples: 5000 mV × 800 mA on each INA3221 channel.
        let hwmon = inventory.powerReadings.filter { $0.source.hasPrefix("hwmon") }
        #expect(hwmon.map(\.value) == [4, 4, 4])
        #expect(hwmon.allSatisfy { $0.boundary == .boardDC && $0.quantity == .power })
        #expect(text.contains(" = 4 W, board_dc\n"))
    }

    /// Orange Pi 5's hwmon7 "tcpm_source_psy_6_0022" (board-ids capture) is the USB-PD supply:
    /// it has a voltage and a current, but they are the negotiated contract, not a measurement.
    @Test func usbPowerDeliveryChipIsFlagged() throws {
        let capture = try Fixtures.text("board-ids/orangepi5-rk3588s-model-and-hwmon-names.txt")
        #expect(capture.contains("/sys/class/hwmon/hwmon7/name:tcpm_source_psy_6_0022"))
        let tree = try FakeTree()
        try tree.write("/sys/class/hwmon/hwmon7/name", "tcpm_source_psy_6_0022\n")
        try tree.write("/sys/class/hwmon/hwmon7/in0_input", "5000\n")
        try tree.write("/sys/class/hwmon/hwmon7/curr1_input", "3000\n")
        let sensor = try #require(SensorInventory.scan(root: tree.root, searchPath: []).power.first)
        // Not read, so not paired: its files as they are (voltage and current need not share an index).
        #expect(sensor.channels == ["curr1_input", "in0_input"])
        #expect(sensor.note == "USB-PD power supply: reports the negotiated contract, not a measurement; not used for energy")
    }

    @Test func jsonOmitsWhatIsMissing() throws {
        let tree = try FakeTree()
        try tree.zone(0, type: "cpu-thermal\n", temp: "48750\n")
        try tree.zone(1, type: "gpu-thermal\n", temp: "N/A\n")
        let inventory = SensorInventory.scan(root: tree.root, searchPath: [])
        let data = inventory.json()
        #expect(try JSONDecoder().decode(SensorInventory.self, from: data) == inventory)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let thermal = try #require(object["thermal"] as? [[String: Any]])
        #expect(thermal[0]["celsius"] as? Double == 48.75)
        #expect(thermal[1]["celsius"] == nil)
        #expect(thermal[1]["error"] as? String == "unexpected content in \(tree.path("/sys/class/thermal/thermal_zone1/temp")): \"N/A\" (expected an integer in millidegrees Celsius)")
        #expect((object["power"] as? [Any])?.isEmpty == true)
        let memory = try #require(object["memory"] as? [String: Any])
        #expect(memory["totalBytes"] == nil)
    }

    /// Board tools are run once each for a live reading and stopped again: nvidia-smi's GPU board
    /// power (the query line of nvidia-smi/…), a failing tegrastats keeps its entry with its error,
    /// and tegrastats is not started where the INA3221 rails are read from sysfs.
    @Test func toolsGiveOneLiveReadingEach() throws {
        let tree = try FakeTree()
        try tree.write("/usr/bin/nvidia-smi", "#!/bin/sh\necho '45.20, 51, 17, 1234, 1410'\nexec sleep 30\n", executable: true)
        try tree.write("/usr/bin/tegrastats", "#!/bin/sh\necho 'tegrastats: cannot open /sys/devices/gpu.0/load' >&2\nexit 1\n", executable: true)
        let inventory = SensorInventory.scan(root: tree.root, searchPath: ["/usr/bin"])
        #expect(inventory.power.map(\.kind) == ["nvidia-smi", "tegrastats"])
        #expect(inventory.power.map(\.readable) == [true, false])
        #expect(inventory.power[1].note.contains("cannot open /sys/devices/gpu.0/load"))
        #expect(inventory.powerReadings == [
            .init(source: "nvidia-smi", boundary: .gpuBoard, channel: "power.draw", quantity: .power, value: 45.2),
        ])
        #expect(inventory.render().contains("  now: nvidia-smi power.draw = 45.2 W, gpu_board\n"))

        let chip = "/sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon1"
        try tree.write("\(chip)/name", "ina3221\n")
        try tree.write("\(chip)/in1_label", "VDD_IN\n")
        try tree.write("\(chip)/in1_input", "5000\n")
        try tree.write("\(chip)/curr1_input", "1000\n")
        let jetson = SensorInventory.scan(root: tree.root, searchPath: ["/usr/bin"])
        let tegrastats = try #require(jetson.power.first { $0.kind == "tegrastats" })
        #expect(tegrastats.note == "not started: the INA3221 rails are read directly from sysfs")
        #expect(jetson.powerReadings.contains { $0.channel == "VDD_IN" && $0.value == 5 && $0.boundary == .moduleInput })
    }

    @Test func thisMachineRendersWithoutZeros() {
        let text = SensorInventory.scan().render()
        #expect(text.hasPrefix("sensors under /\n"))
        #expect(text.contains("memory: "))
        #expect(!text.contains(": 0 °C"))
    }
}
