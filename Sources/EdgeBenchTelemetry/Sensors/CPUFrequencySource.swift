import EdgeBenchCore

/// Current clock of each CPU from `/sys/devices/system/cpu/cpu*/cpufreq/scaling_cur_freq`
/// (kHz → Hz), channels `cpu0`, `cpu1`, … A CPU that fails to read is left out of that round.
public struct CPUFrequencySource: TelemetrySource {
    public struct CPU: Sendable, Equatable {
        public var channel: String
        public var frequencyPath: String
    }

    public let cpus: [CPU]
    public let description: SourceDescription
    /// `cpus`' files, kept open: a fast sampler reads them every round.
    private let files: [SysfsAttribute]

    public init(root: String = "/") {
        let rooted = RootPath(root)
        let base = "/sys/devices/system/cpu"
        cpus = rooted.numberedEntries(in: base, prefix: "cpu").compactMap { entry in
            let path = rooted.path("\(base)/\(entry.name)/cpufreq/scaling_cur_freq")
            return SmallFile.exists(path) ? CPU(channel: entry.name, frequencyPath: path) : nil
        }
        files = cpus.map { SysfsAttribute($0.frequencyPath) }
        description = SourceDescription(
            id: "cpufreq", kind: "cpufreq", boundary: .system,
            detail: "CPU clocks from \(rooted.path(base))/cpu*/cpufreq/scaling_cur_freq (kHz)"
        )
    }

    public func read() throws -> [Reading] {
        try ChannelReads.read(zip(cpus, files), source: description.id) { cpu, file throws(TelemetryError) in
            let kilohertz = try file.integer(expected: "an integer in kHz")
            return Reading(channel: cpu.channel, quantity: .frequency, value: Double(kilohertz) * 1000)
        }
    }
}
