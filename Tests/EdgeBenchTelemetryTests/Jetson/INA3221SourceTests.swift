import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

/// The only real capture (fixtures/jetson-ina3221, AGX Orin 1-0041) is a partial `find -exec cat` dump
/// with no label or value files, so the trees below take its layout from it and add the rail files the
/// JetPack 5/6 driver has (SOURCES.md: inN_label, inN_input mV, currN_input mA). Rail names are the ones
/// tegrastats prints for the same chips in fixtures/tegrastats; the mV/mA values are chosen to match those
/// captures' rail powers to within a few mW.
@Suite struct JetsonINA3221SourceTests {
    static let driver = "/sys/bus/i2c/drivers/ina3221"

    /// Writes every file of the real dump that `cat` could read, with its content.
    static func treeFromRealDump() throws -> FakeTree {
        let tree = try FakeTree()
        let dump = try Fixtures.text("jetson-ina3221/ina3221-sysfs-dump-agx-orin-1-0041-PARTIAL.txt")
        let blocks = dump.components(separatedBy: "---\n").dropFirst()
        var path: String?
        for block in blocks {
            if block.hasPrefix("/sys/"), block.hasSuffix("\n"), !block.dropLast().contains("\n") {
                path = String(block.dropLast())
            } else if let current = path {
                if !block.hasPrefix("cat: ") { try tree.write(current, block) }
                path = nil
            }
        }
        return tree
    }

    static func rail(_ tree: FakeTree, _ hwmon: String, _ index: Int, label: String, millivolts: Int?, milliamps: Int?) throws {
        try tree.write("\(hwmon)/in\(index)_label", label + "\n")
        if let millivolts { try tree.write("\(hwmon)/in\(index)_input", "\(millivolts)\n") }
        if let milliamps { try tree.write("\(hwmon)/curr\(index)_input", "\(milliamps)\n") }
    }

    @Test func realDumpLayoutHasNoLabelledRails() throws {
        let tree = try Self.treeFromRealDump()
        #expect(try String(contentsOfFile: tree.path("\(Self.driver)/1-0041/name"), encoding: .utf8) == "ina3221\n")
        #expect(FileManager.default.fileExists(atPath: tree.path("\(Self.driver)/1-0041/hwmon/hwmon2/curr1_crit_alarm")))
        // alarms and uevent only: nothing to measure, so no source (rather than one reading 0 W)
        #expect(INA3221Source.discover(root: tree.root).isEmpty)
    }

    /// AGX Orin: 1-0040 carries VDD_GPU_SOC, VDD_CPU_CV, VIN_SYS_5V0 (tegrastats line 1 of
    /// tegrastats-jp6-agx-orin-64gb.log: 2798, 799, 3315 mW); the dumped 1-0041 has a not-connected channel.
    @Test func agxOrinTwoChipsWithoutModuleInput() throws {
        let tree = try Self.treeFromRealDump()
        let first = "\(Self.driver)/1-0040/hwmon/hwmon1"
        try Self.rail(tree, first, 1, label: "VDD_GPU_SOC", millivolts: 5064, milliamps: 553)
        try Self.rail(tree, first, 2, label: "VDD_CPU_CV", millivolts: 5064, milliamps: 158)
        try Self.rail(tree, first, 3, label: "VIN_SYS_5V0", millivolts: 5056, milliamps: 656)
        let second = "\(Self.driver)/1-0041/hwmon/hwmon2"
        try Self.rail(tree, second, 1, label: "NC", millivolts: 0, milliamps: 0)
        try Self.rail(tree, second, 2, label: "VDDQ_VDD2_1V8AO", millivolts: 5048, milliamps: 97)
        try tree.write("\(Self.driver)/bind", "")
        try tree.write("\(Self.driver)/uevent", "")

        let sources = INA3221Source.discover(root: tree.root)
        #expect(sources.map(\.device) == ["1-0040", "1-0041"])
        #expect(sources.map(\.description.id) == ["ina3221-1-0040", "ina3221-1-0041"])
        #expect(sources.allSatisfy { $0.description.boundary == .socRails && $0.moduleInputChannel == nil })

        let orin = try sources[0].read()
        #expect(orin.map(\.channel) == ["VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0", "sum of rails"])
        #expect(orin.allSatisfy { $0.quantity == .power })
        // 5064 mV × 553 mA = 2800.392 mW; 5064 × 158 = 800.112 mW; 5056 × 656 = 3316.736 mW
        #expect(isMilliwatt(orin[0].value, 2.800))
        #expect(isMilliwatt(orin[1].value, 0.800))
        #expect(isMilliwatt(orin[2].value, 3.317))
        #expect(isMilliwatt(orin[3].value, 6.917))

        // "NC" is left out, not reported as 0 W; one rail is not summed
        #expect(try sources[1].read() == [Reading(channel: "VDDQ_VDD2_1V8AO", quantity: .power, value: 5048.0 * 97 / 1_000_000)])

        // What a run samples: one source with both chips' rails and their sum (2.800 + 0.800 + 3.317 + 0.490 W),
        // which is the channel energy comes from, at the SoC-rails boundary; never one rail.
        let combined = INA3221Source.combined(sources)
        #expect(combined.map(\.description.id) == ["ina3221"])
        #expect(combined[0].device == "1-0040+1-0041")
        let all = try combined[0].read()
        #expect(all.map(\.channel) == ["VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO", "sum of rails"])
        #expect(isMilliwatt(all[4].value, 7.407))
        #expect(SystemTelemetry.powerSources(root: tree.root).map(\.description.id) == ["ina3221"])
        let samples = all.map { Sample(at: Instant(nanoseconds: 0), source: "ina3221", reading: $0) }
            + all.map { Sample(at: Instant(nanoseconds: 1_000_000_000), source: "ina3221", reading: $0) }
        let series = try #require(PowerSelection.primary(sources: [combined[0].description], samples: samples))
        #expect(series.channel == "sum of rails")
        #expect(series.source.boundary == .socRails)
    }

    /// Orin Nano / NX: one chip at 1-0040 with VDD_IN, the module input (tegrastats line 1 of
    /// tegrastats-jp6-orin-nano-8gb-idle-nosudo.txt: 4761, 515, 1428 mW).
    @Test func orinNanoModuleInput() throws {
        let tree = try FakeTree()
        let hwmon = "\(Self.driver)/1-0040/hwmon/hwmon3"
        try Self.rail(tree, hwmon, 1, label: "VDD_IN", millivolts: 5048, milliamps: 943)
        try Self.rail(tree, hwmon, 2, label: "VDD_CPU_GPU_CV", millivolts: 5048, milliamps: 102)
        try Self.rail(tree, hwmon, 3, label: "VDD_SOC", millivolts: 5048, milliamps: 283)

        let source = try #require(INA3221Source.discover(root: tree.root).first)
        #expect(source.moduleInputChannel == "VDD_IN")
        #expect(source.description.boundary == .moduleInput)
        #expect(source.description.kind == "ina3221")
        #expect(source.rails.first?.voltagePath == tree.path("\(hwmon)/in1_input"))
        let readings = try source.read()
        #expect(readings.map(\.channel) == ["VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"])
        // 5048 mV × 943 mA = 4760.264 mW; × 102 = 514.896 mW; × 283 = 1428.584 mW
        #expect(isMilliwatt(readings[0].value, 4.760))
        #expect(isMilliwatt(readings[1].value, 0.515))
        #expect(isMilliwatt(readings[2].value, 1.429))
    }

    @Test func labelWithoutCurrentFileIsSkippedNotZero() throws {
        let tree = try FakeTree()
        let hwmon = "\(Self.driver)/1-0040/hwmon/hwmon1"
        try Self.rail(tree, hwmon, 1, label: "VDD_IN", millivolts: 5000, milliamps: 1000)
        try Self.rail(tree, hwmon, 2, label: "VDD_CPU_GPU_CV", millivolts: 5000, milliamps: nil)
        try Self.rail(tree, hwmon, 3, label: "VDD_SOC", millivolts: nil, milliamps: 300)
        let source = INA3221Source(hwmonDirectory: tree.path(hwmon), device: "1-0040")
        #expect(source.rails.map(\.channel) == ["VDD_IN"])
        #expect(try source.read() == [Reading(channel: "VDD_IN", quantity: .power, value: 5)])
    }

    @Test func railDisappearingMidRunThrowsNamingTheFile() throws {
        let tree = try FakeTree()
        let hwmon = "\(Self.driver)/1-0040/hwmon/hwmon1"
        try Self.rail(tree, hwmon, 1, label: "VDD_IN", millivolts: 5048, milliamps: 943)
        try Self.rail(tree, hwmon, 2, label: "VDD_SOC", millivolts: 5048, milliamps: 283)
        let source = INA3221Source(hwmonDirectory: tree.path(hwmon), device: "1-0040")
        #expect(try source.read().count == 2)

        try tree.remove("\(hwmon)/curr2_input")
        let missing = tree.path("\(hwmon)/curr2_input")
        #expect(throws: TelemetryError.unreadable(path: missing, reason: "No such file or directory")) {
            try source.read()
        }
        do {
            _ = try source.read()
        } catch {
            #expect(String(describing: error).contains("curr2_input"))
        }
    }

    @Test func garbledValueThrowsNamingTheFile() throws {
        let tree = try FakeTree()
        let hwmon = "\(Self.driver)/1-0040/hwmon/hwmon1"
        try Self.rail(tree, hwmon, 1, label: "VDD_IN", millivolts: 5048, milliamps: nil)
        try tree.write("\(hwmon)/curr1_input", "N/A\n")
        let source = INA3221Source(hwmonDirectory: tree.path(hwmon), device: "1-0040")
        #expect(throws: TelemetryError.malformed(path: tree.path("\(hwmon)/curr1_input"), text: "N/A", expected: "an integer in mA")) {
            try source.read()
        }
    }

    @Test func noDriverNoSources() throws {
        let tree = try FakeTree()
        #expect(INA3221Source.discover(root: tree.root).isEmpty)
    }
}
