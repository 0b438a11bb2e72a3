import EdgeBenchCore
import Foundation

/// Cumulative energy of one RAPL package (`intel-rapl:N`) and its subzones (`intel-rapl:N:M`: core, uncore,
/// dram) from `/sys/class/powercap`, µJ → J, as `.energyCounter` readings: channel = the zone's `name`.
/// The hardware counters wrap at `max_energy_range_uj`; the source unwraps them with the zone's range
/// (`RAPLSource.energyDelta`), so what it reports only ever grows.
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
    private let unwrapped = UnwrappedCounters()
    /// `zones`' energy_uj files, kept open for the sampler.
    private let files: [SysfsAttribute]

    init(top: Zone, subzones: [Zone], directory: String) {
        zones = [top] + subzones
        files = zones.map { SysfsAttribute($0.energyPath) }
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
        var readings: [Reading] = []
        try read(into: &readings)
        return readings
    }

    public func read(into readings: inout [Reading]) throws {
        try ChannelReads.read(zip(zones, files), source: description.id, into: &readings) { zone, file throws(TelemetryError) in
            let micro = try file.integer(expected: "an integer in µJ")
            let joules = unwrapped.monotonic(zone.zone, raw: Double(micro) / 1e6, range: zone.range)
            return Reading(channel: zone.channel, quantity: .energyCounter, value: joules)
        }
    }
}

/// Per zone: the last raw value and the energy counted so far, so a wrap adds the range's remainder
/// instead of going down. Shared by copies of the source (the sampler reads from its own thread).
final class UnwrappedCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var state: [String: (raw: Double, total: Double)] = [:]

    func monotonic(_ zone: String, raw: Double, range: Double?) -> Double {
        lock.lock()
        defer { lock.unlock() }
        guard let last = state[zone] else {
            state[zone] = (raw, raw)
            return raw
        }
        // Without a known range a drop cannot be unwrapped: count nothing for that interval.
        let delta = range.map { RAPLSource.energyDelta(from: last.raw, to: raw, range: $0) } ?? max(0, raw - last.raw)
        let total = last.total + delta
        state[zone] = (raw, total)
        return total
    }
}
