import Foundation
import EdgeBenchCore

/// Jetson power rails from the INA3221 monitors of JetPack 5/6 (mainline hwmon driver):
/// `/sys/bus/i2c/drivers/ina3221/<bus-addr>/hwmon/hwmon*/in{N}_label` (rail name), `in{N}_input` (mV),
/// `curr{N}_input` (mA); this driver has no `power*_input`, so power = V × I per rail.
/// One source per chip (Orin Nano/NX: 1-0040; AGX Orin: 1-0040 and 1-0041).
///
/// Unlike the thermal sources, a rail that fails to read fails the whole read: the rails of a chip are
/// summed and compared, and a silently missing one would change that figure without a trace.
public struct INA3221Source: TelemetrySource {
    public struct Rail: Sendable, Equatable {
        /// the rail's label, e.g. `VDD_IN`
        public var channel: String
        /// `in{N}_input`, mV
        public var voltagePath: String
        /// `curr{N}_input`, mA
        public var currentPath: String
    }

    /// e.g. `1-0040`
    public let device: String
    public let rails: [Rail]
    /// `VDD_IN` when this chip measures the module input, else nil (its rails are parts of the module).
    public let moduleInputChannel: String?
    public let description: SourceDescription
    /// `rails`' voltage and current files, kept open for the sampler.
    private let files: [(voltage: SysfsAttribute, current: SysfsAttribute)]

    static let driverDirectory = "/sys/bus/i2c/drivers/ina3221"

    /// Reads the labelled rails of one hwmon directory. Labels `NC` (not connected) and labels without
    /// a voltage or current file are left out rather than reported as 0 W.
    public init(hwmonDirectory: String, device: String) {
        var names = ChannelNames()
        var rails: [Rail] = []
        for index in 1...3 {
            let labelPath = "\(hwmonDirectory)/in\(index)_label"
            guard let text = try? SmallFile.contents(of: labelPath) else { continue }
            let label = String(SysfsText.trimmed(text))
            let voltagePath = "\(hwmonDirectory)/in\(index)_input"
            let currentPath = "\(hwmonDirectory)/curr\(index)_input"
            guard !label.isEmpty, label != "NC", SmallFile.exists(voltagePath), SmallFile.exists(currentPath) else { continue }
            rails.append(Rail(channel: names.unique(label), voltagePath: voltagePath, currentPath: currentPath))
        }
        self.init(id: "ina3221-\(device)", device: device, rails: rails, location: hwmonDirectory)
    }

    init(id: String, device: String, rails: [Rail], location: String) {
        self.device = device
        self.rails = rails
        files = rails.map { (SysfsAttribute($0.voltagePath), SysfsAttribute($0.currentPath)) }
        let input = rails.first { $0.channel == "VDD_IN" }?.channel
        moduleInputChannel = input
        let summed = input == nil && rails.count > 1
        description = SourceDescription(
            id: id, kind: "ina3221", boundary: input == nil ? .socRails : .moduleInput,
            detail: "Jetson INA3221 \(device) rails \(rails.map(\.channel).joined(separator: ", ")): "
                + "in*_input (mV) × curr*_input (mA) under \(location)"
                + (input == nil ? "" : "; VDD_IN is the module input")
                + (summed ? "; no module input rail: \"\(TegrastatsLog.sumOfRailsChannel)\" is their sum (SoC rails)" : "")
        )
    }

    /// Modules where no chip measures the module input (AGX Orin: 1-0040 and 1-0041) as one source: every
    /// chip's rails and their sum, the SoC-rails figure tegrastats also sums, so energy never comes from
    /// one rail or from one chip's share. Chips are returned as they are when any has `VDD_IN` or there is one.
    public static func combined(_ chips: [INA3221Source]) -> [INA3221Source] {
        guard chips.count > 1, chips.allSatisfy({ $0.moduleInputChannel == nil }) else { return chips }
        var names = ChannelNames()
        let rails = chips.flatMap(\.rails).map { Rail(channel: names.unique($0.channel), voltagePath: $0.voltagePath, currentPath: $0.currentPath) }
        let devices = chips.map(\.device).joined(separator: "+")
        return [INA3221Source(id: "ina3221", device: devices, rails: rails, location: driverDirectory + "/{" + chips.map(\.device).joined(separator: ",") + "}")]
    }

    /// Every INA3221 hwmon directory under `root` with at least one readable rail, in device order.
    public static func discover(root: String = "/") -> [INA3221Source] {
        let rooted = RootPath(root)
        let driver = rooted.path(driverDirectory)
        let devices = ((try? FileManager.default.contentsOfDirectory(atPath: driver)) ?? [])
            .filter { $0.contains("-") }  // bus-address entries; skips bind, unbind, uevent, module
            .sorted()
        return devices.flatMap { device in
            rooted.numberedEntries(in: "\(driverDirectory)/\(device)/hwmon", prefix: "hwmon").compactMap { entry in
                let source = INA3221Source(
                    hwmonDirectory: rooted.path("\(driverDirectory)/\(device)/hwmon/\(entry.name)"), device: device)
                return source.rails.isEmpty ? nil : source
            }
        }
    }

    public func read() throws -> [Reading] {
        var readings: [Reading] = []
        readings.reserveCapacity(rails.count + 1)  // the rails and, without VDD_IN, their sum
        try read(into: &readings)
        return readings
    }

    public func read(into readings: inout [Reading]) throws {
        var total = 0.0
        for index in rails.indices {
            let millivolts = try files[index].voltage.integer(expected: "an integer in mV")
            let milliamps = try files[index].current.integer(expected: "an integer in mA")
            let watts = Double(millivolts) * Double(milliamps) / 1_000_000
            total += watts
            readings.append(Reading(channel: rails[index].channel, quantity: .power, value: watts))
        }
        if moduleInputChannel == nil, rails.count > 1 {
            readings.append(Reading(channel: TegrastatsLog.sumOfRailsChannel, quantity: .power, value: total))
        }
    }
}
