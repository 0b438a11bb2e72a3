import EdgeBenchCore

/// Power of one hwmon chip (`/sys/class/hwmon/hwmonN`): `powerN_input` (µW), or where the chip has no power
/// channel, `inN_input` (mV) × `currN_input` (mA) of the same index, which is how INA3221 pairs a rail's bus
/// voltage with its current. Channel = `*_label` where the driver gives one.
public struct HwmonSource: TelemetrySource {
    public struct Channel: Sendable, Equatable {
        public enum Measure: Sendable, Equatable {
            /// µW
            case power(path: String)
            /// mV × mA
            case product(voltagePath: String, currentPath: String)
        }

        public var channel: String
        public var measure: Measure
    }

    /// e.g. `hwmon1`
    public let chip: String
    /// the chip's `name` (driver), nil when it has none
    public let name: String?
    public let channels: [Channel]
    public internal(set) var description: SourceDescription

    init(chip: String, name: String?, channels: [Channel], directory: String) {
        self.chip = chip
        self.name = name
        self.channels = channels
        let boundary = Self.boundary(forChip: name)
        description = SourceDescription(
            id: "hwmon:\(name ?? chip)", kind: "hwmon", boundary: boundary,
            detail: "hwmon \(name ?? "(unnamed)") power of \(channels.map(\.channel).joined(separator: ", ")) from \(directory)"
                + (boundary == .boardDC ? "; boundary assumed board DC: hwmon does not say where the shunt sits" : ""))
    }

    /// hwmon does not say where a shunt sits, so board DC is assumed unless the driver tells otherwise:
    /// X-Gene's SLIMpro reports SoC power domains ("CPU power", "IO power"), GPU drivers their board.
    public static func boundary(forChip name: String?) -> MeasurementBoundary {
        switch name {
        case "apm_xgene": .socRails
        case "amdgpu", "nouveau", "radeon": .gpuBoard
        default: .boardDC
        }
    }

    public func read() throws -> [Reading] {
        try ChannelReads.read(channels, source: description.id) { channel throws(TelemetryError) in
            Reading(channel: channel.channel, quantity: .power, value: try watts(channel.measure))
        }
    }

    private func watts(_ measure: Channel.Measure) throws(TelemetryError) -> Double {
        switch measure {
        case .power(let path):
            return Double(try SysfsText.integer(try OpenSysfsFiles.contents(of: path), path: path, expected: "an integer in µW")) / 1e6
        case .product(let voltagePath, let currentPath):
            let millivolts = try SysfsText.integer(try OpenSysfsFiles.contents(of: voltagePath), path: voltagePath, expected: "an integer in mV")
            let milliamps = try SysfsText.integer(try OpenSysfsFiles.contents(of: currentPath), path: currentPath, expected: "an integer in mA")
            return Double(millivolts) * Double(milliamps) / 1e6
        }
    }
}
