import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct RAPLSourceTests {
    /// Zone names as the laptop's `egrep -r . /sys/class/powercap/intel-rapl*/name` printed them; counter
    /// values from the Intel laptop's powercap-info (package-0, core, uncore). psys has no captured value.
    @Test func laptopZonesFromCaptures() throws {
        let names = try Fixtures.text("powercap-hwmon/powercap-rapl-zone-names-psys-and-mmio-laptop.txt")
            .split(separator: "\n")
            .filter { $0.hasPrefix("/sys/class/powercap/") }
            .map { line -> (zone: String, name: String) in
                let path = line.split(separator: "/")[3]
                return (String(path), String(line.split(separator: ":").last!))
            }
        #expect(names.map(\.zone) == ["intel-rapl:0:0", "intel-rapl:0:1", "intel-rapl:0", "intel-rapl:1", "intel-rapl-mmio:0"])
        let info = try Fixtures.text("powercap-hwmon/powercap-info-intel-laptop-PARTIAL.txt")
        let energies = info.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("energy_uj: ") ? String(trimmed.dropFirst("energy_uj: ".count)) : nil
        }
        #expect(energies == ["26963529117", "7980278886", "6564982278"])
        let values = ["package-0": energies[0], "core": energies[1], "uncore": energies[2], "psys": "1000000"]

        let tree = try FakeTree()
        try tree.write("/sys/class/powercap/intel-rapl/enabled", "1\n")
        for (zone, name) in names {
            try tree.write("/sys/class/powercap/\(zone)/name", name + "\n")
            try tree.write("/sys/class/powercap/\(zone)/energy_uj", (values[name] ?? "0") + "\n")
            try tree.write("/sys/class/powercap/\(zone)/max_energy_range_uj", "262143328850\n")
        }
        let (sources, problems) = RAPLSource.discover(root: tree.root)
        #expect(problems.isEmpty)
        // intel-rapl-mmio:0 is the same package through MMIO: left out so it is not counted twice
        #expect(sources.map(\.description.id) == ["rapl:package-0", "rapl:psys"])
        #expect(sources.allSatisfy { $0.description.boundary == .cpuPackage })
        #expect(sources[1].description.detail.contains("platform"))
        #expect(sources[0].zones.map(\.range) == [262143.32885, 262143.32885, 262143.32885])
        #expect(try sources[0].read() == [
            Reading(channel: "package-0", quantity: .energyCounter, value: 26963.529117),
            Reading(channel: "core", quantity: .energyCounter, value: 7980.278886),
            Reading(channel: "uncore", quantity: .energyCounter, value: 6564.982278),
        ])
        #expect(try sources[1].read() == [Reading(channel: "psys", quantity: .energyCounter, value: 1)])
    }

    /// i7-4770S: dram subzone intel-rapl:0:2, 2469474853 µJ, range 262143999938 µJ.
    @Test func haswellDramSubzone() throws {
        let lines = try Fixtures.text("powercap-hwmon/powercap-grep-intel-haswell-i7-4770S-PARTIAL.txt").split(separator: "\n")
        let tree = try FakeTree()
        try tree.write("/sys/class/powercap/intel-rapl:0/name", "package-0\n")
        try tree.write("/sys/class/powercap/intel-rapl:0/energy_uj", "12000000\n")
        for line in lines where line.hasPrefix("/sys/class/powercap/intel-rapl/intel-rapl:0/intel-rapl:0:2/") {
            let colon = line.lastIndex(of: ":")!
            let file = line[..<colon].split(separator: "/").last!
            guard ["name", "energy_uj", "max_energy_range_uj"].contains(String(file)) else { continue }
            try tree.write("/sys/class/powercap/intel-rapl:0:2/\(file)", line[line.index(after: colon)...] + "\n")
        }
        let (sources, problems) = RAPLSource.discover(root: tree.root)
        #expect(problems == ["RAPL zone package-0: cannot read \(tree.path("/sys/class/powercap/intel-rapl:0/max_energy_range_uj")), so a wrap of its counter cannot be corrected"])
        let source = try #require(sources.first)
        #expect(source.zones.map(\.channel) == ["package-0", "dram"])
        #expect(source.zones[1].range == 262143.999938)
        #expect(try source.read() == [
            Reading(channel: "package-0", quantity: .energyCounter, value: 12),
            Reading(channel: "dram", quantity: .energyCounter, value: 2469.474853),
        ])
    }

    /// Server capture: intel-rapl:1 (package 1) shown without its name file, energy_uj 60293987000000.
    @Test func zoneWithoutNameIsNamedAfterItsDirectory() throws {
        let tree = try FakeTree()
        try tree.write("/sys/class/powercap/intel-rapl:1/energy_uj", "60293987000000\n")
        try tree.write("/sys/class/powercap/intel-rapl:1/max_energy_range_uj", "262143328850 ")
        let (sources, _) = RAPLSource.discover(root: tree.root)
        #expect(try sources.first?.read() == [Reading(channel: "intel-rapl:1", quantity: .energyCounter, value: 60293987)])
    }

    /// Linux ≥ 5.10: energy_uj is `-r-------- root root` (pyJoules' ls -l of intel-rapl:0:2, the desktop's
    /// "grep: …/energy_uj: Permission denied"). The zone is a problem, never a zero.
    @Test func rootOnlyCounterIsAProblemNotAZero() throws {
        let tree = try FakeTree()
        try tree.write("/sys/class/powercap/intel-rapl:0/name", "package-0\n")
        try tree.write("/sys/class/powercap/intel-rapl:0/energy_uj", "26963529117\n")
        try tree.write("/sys/class/powercap/intel-rapl:0/max_energy_range_uj", "262143328850\n")
        try tree.write("/sys/class/powercap/intel-rapl:0:2/name", "dram\n")
        try tree.write("/sys/class/powercap/intel-rapl:0:2/energy_uj", "2469474853\n")
        try tree.write("/sys/class/powercap/intel-rapl:0:2/max_energy_range_uj", "262143999938\n")
        for zone in ["intel-rapl:0", "intel-rapl:0:2"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: tree.path("/sys/class/powercap/\(zone)/energy_uj"))
        }
        // As a non-root user sees it: readable only with the "others" read bit.
        let asUser: (String) -> Bool = { path in
            let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
            return mode & 0o004 != 0
        }
        let (sources, problems) = RAPLSource.discover(root: tree.root, isReadable: asUser)
        #expect(sources.isEmpty)
        #expect(problems.count == 2)
        let counter = tree.path("/sys/class/powercap/intel-rapl:0/energy_uj")
        #expect(problems[0] == "RAPL zone package-0 (intel-rapl:0): \(counter) is readable by root only; reading it needs root or a udev rule (e.g. chmod a+r \(counter)); the zone is left out, not read as zero")
        #expect(problems[1].hasPrefix("RAPL zone dram (intel-rapl:0:2)"))
        #expect(problems.allSatisfy { $0.contains("needs root or a udev rule (e.g. chmod a+r ") && $0.hasSuffix("not read as zero") })
    }

    @Test func noPowercapOnAVirtualMachine() throws {
        let tree = try FakeTree()
        let (sources, problems) = RAPLSource.discover(root: tree.root)
        #expect(sources.isEmpty && problems.isEmpty)
    }

    @Test func zoneNumbers() {
        #expect(RAPLSource.zoneNumbers("intel-rapl:0") == [0])
        #expect(RAPLSource.zoneNumbers("intel-rapl:0:2") == [0, 2])
        #expect(RAPLSource.zoneNumbers("intel-rapl") == nil)
        #expect(RAPLSource.zoneNumbers("intel-rapl-mmio:0") == nil)
        #expect(RAPLSource.zoneNumbers("intel-rapl:x") == nil)
    }
}
