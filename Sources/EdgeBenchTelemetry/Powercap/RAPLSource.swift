import EdgeBenchCore

/// Cumulative energy of one RAPL package (`intel-rapl:N`) and its subzones (`intel-rapl:N:M`: core, uncore,
/// dram) from `/sys/class/powercap`, µJ → J, as `.energyCounter` readings: channel = the zone's `name`.
/// The counters wrap; whoever differences them uses `energyDelta(from:to:range:)` with the zone's range.
///
/// One source per top-level zone, because a second socket (`package-1`) or `psys` is a different
/// measurement and its subzone names (`dram`) repeat.
public struct RAPLSource: TelemetrySource {
    public struct Zone: Sendable, Equatable {
        /// the zone's `name`: package-0, core, uncore, dram, psys
        public var channel: String
        /// e.g. `intel-rapl:0:2`
        public var zone: String
        public var energyPath: String
        /// `max_energy_range_uj` in J; nil when it could not be read
        public var range: Double?
    }

    public let zones: [Zone]
    public let description: SourceDescription

    init(top: Zone, subzones: [Zone], directory: String) {
        zones = [top] + subzones
        let isPlatform = top.channel == "psys"
        let covered = zones.map(\.channel).joined(separator: ", ")
        // MeasurementBoundary has no "platform": psys is filed under cpu_package so it is never mixed with
        // wall or board figures, and the detail says what it really covers.
        let detail = isPlatform
            ? "RAPL psys (platform) energy counter from \(directory)/energy_uj (µJ): the whole SoC platform as the CPU estimates it, more than the CPU package, less than the board"
            : "RAPL energy counters (µJ) of \(covered) from \(directory)"
        description = SourceDescription(
            id: "rapl:\(top.channel)", kind: "rapl", boundary: .cpuPackage, detail: detail)
    }

    public func read() throws -> [Reading] {
        try ChannelReads.read(zones, source: description.id) { zone throws(TelemetryError) in
            let text = try SmallFile.contents(of: zone.energyPath)
            let micro = try SysfsText.integer(text, path: zone.energyPath, expected: "an integer in µJ")
            return Reading(channel: zone.channel, quantity: .energyCounter, value: Double(micro) / 1e6)
        }
    }
}
