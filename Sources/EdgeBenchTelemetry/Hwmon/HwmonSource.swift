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
            /// cumulative µJ (`energyN_input`), reported as an energy counter
            case energy(path: String)
        }

        public var channel: String
        public var measure: Measure
    }

    /// e.g. `hwmon1`
    public let chip: String
    /// the chip's `name` (driver), nil when it has none
    public let name: String?
    public let channels: [Channel]
    /// `/sys/class/hwmon/hwmonN` under the root
    public let directory: String
    public internal(set) var description: SourceDescription
    /// Each channel's files (one, or voltage and current), kept open for the sampler.
    private let files: [[SysfsAttribute]]
    private let unwrapped = UnwrappedCounters()

    init(chip: String, name: String?, channels: [Channel], directory: String) {
        self.chip = chip
        self.name = name
        self.channels = channels
        self.directory = directory
        files = channels.map { channel in
            switch channel.measure {
            case .power(let path), .energy(let path): [SysfsAttribute(path)]
            case .product(let voltagePath, let currentPath): [SysfsAttribute(voltagePath), SysfsAttribute(currentPath)]
            }
        }
        let boundary = Self.boundary(forChip: name)
        description = SourceDescription(
            id: "hwmon:\(name ?? chip)", kind: "hwmon", boundary: boundary,
            detail: "hwmon \(name ?? "(unnamed)") power of \(channels.map(\.channel).joined(separator: ", ")) from \(directory)"
                + (boundary == .boardDC ? "; boundary assumed board DC: hwmon does not say where the shunt sits" : ""))
    }

    /// The files each channel reads (`power1_input`, `in1_input×curr1_input`), as `edgebench sensors` lists them.
    public var channelFiles: [String] {
        channels.map { channel in
            switch channel.measure {
            case .power(let path), .energy(let path): Self.file(path)
            case .product(let voltagePath, let currentPath): Self.file(voltagePath) + "×" + Self.file(currentPath)
            }
        }
    }

    private static func file(_ path: String) -> String {
        String(path[path.index(after: path.lastIndex(of: "/") ?? path.startIndex)...])
    }

    /// hwmon does not say where a shunt sits, so board DC is assumed unless the driver tells otherwise:
    /// X-Gene's SLIMpro reports SoC power domains ("CPU power", "IO power"), GPU drivers their board.
    public static func boundary(forChip name: String?) -> MeasurementBoundary {
        switch name {
        case "apm_xgene": .socRails
        // per-core and per-socket RAPL-like counters of AMD Zen (labels Ecore000…, Esocket0…)
        case "amd_energy": .cpuPackage
        case "amdgpu", "nouveau", "radeon": .gpuBoard
        default: .boardDC
        }
    }

    public func read() throws -> [Reading] {
        var readings: [Reading] = []
        try read(into: &readings)
        return readings
    }

    public func read(into readings: inout [Reading]) throws {
        try ChannelReads.read(zip(channels, files), source: description.id, into: &readings) { channel, files throws(TelemetryError) in
            switch channel.measure {
            case .power:
                let microwatts = try files[0].integer(expected: "an integer in µW")
                return Reading(channel: channel.channel, quantity: .power, value: Double(microwatts) / 1e6)
            case .product:
                let millivolts = try files[0].integer(expected: "an integer in mV")
                let milliamps = try files[1].integer(expected: "an integer in mA")
                return Reading(channel: channel.channel, quantity: .power, value: Double(millivolts) * Double(milliamps) / 1e6)
            case .energy:
                let microjoules = try files[0].integer(expected: "an integer in µJ")
                // No documented range: a counter that goes down (a driver reset) counts nothing for that interval.
                let joules = unwrapped.monotonic(channel.channel, raw: Double(microjoules) / 1e6, range: nil)
                return Reading(channel: channel.channel, quantity: .energyCounter, value: joules)
            }
        }
    }
}
