import EdgeBenchCore

/// Thermal throttling as the kernel applies it: a frequency-limiting cooling device
/// (`/sys/class/thermal/cooling_device*` whose `type` caps a clock — `cpufreq-cpu0`, `devfreq-…gpu`,
/// `thermal-cpufreq-0` …) with `cur_state` above 0 is holding its clock below the maximum. This is how
/// Jetson, RK3588 and other Linux boards throttle, so it covers every board without a vendor tool
/// (the Pi 5's `get_throttled` bits come from `RaspberryPiSource`). Fans (`pwm-fan`) cool without
/// throttling and are not read.
///
/// One reading per round, channel `cooling`, quantity `throttle`: 1 while any such device is engaged, else 0.
public struct CoolingDevicesSource: TelemetrySource {
    public struct Device: Sendable, Equatable {
        /// e.g. `cooling_device3`
        public var name: String
        /// e.g. `devfreq-fb000000.gpu`
        public var type: String
        public var statePath: String
    }

    public let devices: [Device]
    public let description: SourceDescription
    /// `devices`' cur_state files, kept open: a fast sampler reads them every round.
    private let files: [SysfsAttribute]

    public init(root: String = "/") {
        let rooted = RootPath(root)
        let base = "/sys/class/thermal"
        devices = rooted.numberedEntries(in: base, prefix: "cooling_device").compactMap { entry in
            let directory = rooted.path("\(base)/\(entry.name)")
            guard let text = try? SmallFile.contents(of: directory + "/type") else { return nil }
            let type = String(SysfsText.trimmed(text))
            guard Self.limitsFrequency(type), SmallFile.exists(directory + "/cur_state") else { return nil }
            return Device(name: entry.name, type: type, statePath: directory + "/cur_state")
        }
        files = devices.map { SysfsAttribute($0.statePath) }
        description = SourceDescription(
            id: "cooling", kind: "cooling_device", boundary: .system,
            detail: "clock-capping cooling devices (\(devices.map(\.type).joined(separator: ", "))): cur_state > 0 = throttled")
    }

    /// Cooling devices that act by lowering a clock; a fan's state is its speed, not a throttle.
    static func limitsFrequency(_ type: String) -> Bool {
        type.contains("freq") && !type.contains("fan")
    }

    public func read() throws -> [Reading] {
        var engaged = false
        var failures: [TelemetryError] = []
        for file in files {
            do {
                if try file.integer(expected: "a cooling state (integer)") > 0 {
                    engaged = true
                }
            } catch {
                failures.append(error)
            }
        }
        // Engaged is known even if another device failed; "not throttled" is known only if all read.
        if engaged { return [Reading(channel: "cooling", quantity: .throttle, value: 1)] }
        if let failure = failures.first { throw failure }
        return [Reading(channel: "cooling", quantity: .throttle, value: 0)]
    }
}
