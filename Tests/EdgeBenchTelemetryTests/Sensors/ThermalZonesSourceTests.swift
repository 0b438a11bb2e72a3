import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct ThermalZonesSourceTests {
    @Test func millidegreesBecomeCelsius() throws {
        let tree = try FakeTree()
        try tree.zone(0, type: "cpu-thermal\n", temp: "48750\n")
        let source = ThermalZonesSource(root: tree.root)
        #expect(try source.read() == [Reading(channel: "cpu-thermal", quantity: .temperature, value: 48.75)])
        #expect(source.description.id == "thermal")
        #expect(source.description.boundary == .system)
    }

    /// Orin Nano zone temperatures as tegrastats printed them (JetPack 6, idle, first line).
    @Test func orinNanoZonesFromTegrastatsCapture() throws {
        let line = try #require(
            try Fixtures.text("tegrastats/tegrastats-jp6-orin-nano-8gb-idle-nosudo.txt").split(separator: "\n").first)
        // "cpu@48.468C" → zone type cpu-thermal, temp 48468 (m°C), as the kernel exposes it
        let temperatures = line.split(separator: " ").compactMap { token -> (String, String)? in
            guard token.hasSuffix("C"), let at = token.firstIndex(of: "@"), !token.hasPrefix("GR3D") else { return nil }
            let celsius = token[token.index(after: at)..<token.index(before: token.endIndex)]
            let parts = celsius.split(separator: ".")
            let fraction = (parts.count > 1 ? String(parts[1]) : "").padding(toLength: 3, withPad: "0", startingAt: 0)
            return ("\(token[..<at])-thermal", "\(parts[0])\(fraction)")
        }
        let tree = try FakeTree()
        for (index, (type, milli)) in temperatures.enumerated() {
            try tree.zone(index, type: type + "\n", temp: milli + "\n")
        }
        let readings = try ThermalZonesSource(root: tree.root).read()
        #expect(readings.map(\.channel) == ["cpu-thermal", "soc2-thermal", "soc0-thermal", "gpu-thermal", "tj-thermal", "soc1-thermal"])
        #expect(readings.map(\.value) == [48.468, 47.531, 48.062, 48.562, 49.156, 49.156])
    }

    /// Orange Pi 5 (RK3588S): the hwmon names are the thermal zone types with "-" → "_".
    @Test func orangePi5ZoneNamesFromCapture() throws {
        let capture = try Fixtures.text("board-ids/orangepi5-rk3588s-model-and-hwmon-names.txt")
        let types = capture.split(separator: "\n")
            .filter { $0.hasPrefix("/sys/class/hwmon/") && $0.hasSuffix("_thermal") }
            .compactMap { $0.split(separator: ":").last }
            .map { $0.replacingOccurrences(of: "_thermal", with: "-thermal") }
        let tree = try FakeTree()
        for (index, type) in types.enumerated() {
            try tree.zone(index, type: type + "\n", temp: "\(40000 + index * 1000)\n")
        }
        let source = ThermalZonesSource(root: tree.root)
        #expect(source.zones.map(\.channel) == [
            "soc-thermal", "bigcore0-thermal", "bigcore1-thermal", "littlecore-thermal",
            "center-thermal", "gpu-thermal", "npu-thermal",
        ])
        #expect(try source.read().map(\.value) == [40, 41, 42, 43, 44, 45, 46])
    }

    @Test func duplicateTypesAreNumberedAndZonesSortNumerically() throws {
        let tree = try FakeTree()
        try tree.zone(10, type: "cpu-thermal\n", temp: "50000\n")
        try tree.zone(2, type: "cpu-thermal\n", temp: "45000\n")
        try tree.zone(9, type: "cpu-thermal", temp: "47500")
        let source = ThermalZonesSource(root: tree.root)
        #expect(source.zones.map(\.zone) == ["thermal_zone2", "thermal_zone9", "thermal_zone10"])
        #expect(try source.read() == [
            Reading(channel: "cpu-thermal", quantity: .temperature, value: 45),
            Reading(channel: "cpu-thermal#1", quantity: .temperature, value: 47.5),
            Reading(channel: "cpu-thermal#2", quantity: .temperature, value: 50),
        ])
    }

    /// Device-tree style NULs, trailing spaces, CRLF, no newline; a negative temperature.
    @Test func toleratesPaddingAndNegativeValues() throws {
        let tree = try FakeTree()
        try tree.zone(0, type: "soc-thermal\0", temp: "59300\0")
        try tree.zone(1, type: "  ambient  \r\n", temp: " -5250 \n\n")
        #expect(try ThermalZonesSource(root: tree.root).read() == [
            Reading(channel: "soc-thermal", quantity: .temperature, value: 59.3),
            Reading(channel: "ambient", quantity: .temperature, value: -5.25),
        ])
    }

    @Test func unreadableZonesAreSkippedNotZero() throws {
        let tree = try FakeTree()
        try tree.zone(0, type: "cpu-thermal\n", temp: "59300\n")
        try tree.zone(1, type: "gpu-thermal\n", temp: "N/A\n")
        try tree.write("/sys/class/thermal/thermal_zone2/type", "npu-thermal\n")
        try tree.makeDirectory("/sys/class/thermal/thermal_zone2/temp")
        let source = ThermalZonesSource(root: tree.root)
        #expect(source.zones.count == 3)
        #expect(try source.read() == [Reading(channel: "cpu-thermal", quantity: .temperature, value: 59.3)])
    }

    @Test func zoneWithoutTypeIsNamedAfterItsDirectory() throws {
        let tree = try FakeTree()
        try tree.write("/sys/class/thermal/thermal_zone3/temp", "41000\n")
        #expect(try ThermalZonesSource(root: tree.root).read() == [
            Reading(channel: "thermal_zone3", quantity: .temperature, value: 41)
        ])
    }

    @Test func allZonesFailingThrowsNamingTheFile() throws {
        let tree = try FakeTree()
        try tree.zone(0, type: "cpu-thermal\n", temp: "hot\n")
        let path = tree.path("/sys/class/thermal/thermal_zone0/temp")
        #expect(throws: TelemetryError.noReadableChannel(
            source: "thermal",
            firstError: "unexpected content in \(path): \"hot\" (expected an integer in millidegrees Celsius)"
        )) { try ThermalZonesSource(root: tree.root).read() }
    }

    @Test func noZonesOnThisKindOfMachine() throws {
        let tree = try FakeTree()
        try tree.makeDirectory("/sys/class/thermal")
        try tree.write("/sys/class/thermal/cooling_device0/type", "cpufreq-cpu0\n")
        let source = ThermalZonesSource(root: tree.root)
        #expect(source.zones.isEmpty)
        #expect(try source.read().isEmpty)
    }
}
