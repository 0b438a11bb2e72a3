import EdgeBenchCore

/// Temperatures of `/sys/class/thermal/thermal_zone*` (millidegrees → °C).
/// Channel = the zone's `type`; repeated types get `#1`, `#2`… in zone order.
/// A zone that fails to read is left out of that round (never reported as 0 °C).
public struct ThermalZonesSource: TelemetrySource {
    public struct Zone: Sendable, Equatable {
        /// channel name (deduplicated zone type)
        public var channel: String
        /// e.g. `thermal_zone0`
        public var zone: String
        public var temperaturePath: String
    }

    public let zones: [Zone]
    public let description: SourceDescription
    /// `zones`' files, kept open: a fast sampler reads them every round.
    private let files: [SysfsAttribute]

    public init(root: String = "/") {
        let rooted = RootPath(root)
        let base = "/sys/class/thermal"
        var names = ChannelNames()
        zones = rooted.numberedEntries(in: base, prefix: "thermal_zone").compactMap { entry in
            let directory = rooted.path("\(base)/\(entry.name)")
            let temperaturePath = directory + "/temp"
            guard SmallFile.exists(temperaturePath) else { return nil }
            let type = (try? SmallFile.contents(of: directory + "/type")).map { String(SysfsText.trimmed($0)) } ?? ""
            return Zone(channel: names.unique(type.isEmpty ? entry.name : type), zone: entry.name, temperaturePath: temperaturePath)
        }
        files = zones.map { SysfsAttribute($0.temperaturePath) }
        description = SourceDescription(
            id: "thermal", kind: "thermal_zone", boundary: .system,
            detail: "temperatures of \(rooted.path(base))/thermal_zone*/temp (m°C)"
        )
    }

    public func read() throws -> [Reading] {
        try ChannelReads.read(zip(zones, files), source: description.id) { zone, file throws(TelemetryError) in
            let milli = try file.integer(expected: "an integer in millidegrees Celsius")
            return Reading(channel: zone.channel, quantity: .temperature, value: Double(milli) / 1000)
        }
    }
}

/// Makes repeated sensor names unique: `cpu-thermal`, `cpu-thermal#1`, …
struct ChannelNames {
    private var seen: [String: Int] = [:]

    mutating func unique(_ name: String) -> String {
        let count = seen[name, default: 0]
        seen[name] = count + 1
        return count == 0 ? name : "\(name)#\(count)"
    }
}
