import EdgeBenchCore
import Foundation

extension SensorInventory {
    static let readByRun = PowerDiscovery.readByRun

    /// Looks for every sensor kind under `root` (tests pass a fake tree).
    /// - Parameter searchPath: directories to look for vcgencmd, tegrastats and nvidia-smi in,
    ///   resolved under `root`; defaults to `$PATH`. Each tool found is run once for a live reading.
    public static func scan(root: String = "/", searchPath: [String]? = nil) -> SensorInventory {
        let rooted = RootPath(root)
        let directories = searchPath
            ?? (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
                .split(separator: ":").map(String.init)
        // The run's own discovery: what is listed here as read is exactly what `edgebench run` samples.
        let discovery = PowerDiscovery.scan(root: root)
        let live = liveTools(rooted, searchPath: directories, hasINA3221: discovery.hasModuleInput)
        let power = discovery.findings + live.sensors
        var inventory = SensorInventory(
            root: rooted.root, power: power, thermal: thermalZones(root), cpufreq: cpuClocks(root),
            memory: memory(root), npu: npuLoad(rooted), powerReadings: livePower(discovery.sources) + live.readings
        )
        inventory.coolingDevices = CoolingDevicesSource(root: root).devices.map { "\($0.name) (\($0.type))" }
        return inventory
    }

    static func thermalZones(_ root: String) -> [ThermalZone] {
        ThermalZonesSource(root: root).zones.map { zone in
            do {
                let text = try SmallFile.contents(of: zone.temperaturePath)
                let milli = try SysfsText.integer(text, path: zone.temperaturePath, expected: "an integer in millidegrees Celsius")
                return ThermalZone(zone: zone.zone, channel: zone.channel, celsius: Double(milli) / 1000, error: nil)
            } catch {
                return ThermalZone(zone: zone.zone, channel: zone.channel, celsius: nil, error: String(describing: error))
            }
        }
    }

    static func cpuClocks(_ root: String) -> [CPUClock] {
        CPUFrequencySource(root: root).cpus.map { cpu in
            do {
                let text = try SmallFile.contents(of: cpu.frequencyPath)
                let kilohertz = try SysfsText.integer(text, path: cpu.frequencyPath, expected: "an integer in kHz")
                return CPUClock(cpu: cpu.channel, hertz: Double(kilohertz) * 1000, error: nil)
            } catch {
                return CPUClock(cpu: cpu.channel, hertz: nil, error: String(describing: error))
            }
        }
    }

    static func memory(_ root: String) -> Memory {
        let path = RootPath(root).path("/proc/meminfo")
        do {
            let text = try SmallFile.contents(of: path)
            let fields = try SysfsText.kilobyteFields(text, path: path, fields: ["MemTotal", "MemAvailable"])
            return Memory(totalBytes: fields["MemTotal"], availableBytes: fields["MemAvailable"], error: nil)
        } catch {
            return Memory(totalBytes: nil, availableBytes: nil, error: String(describing: error))
        }
    }

    static func npuLoad(_ rooted: RootPath) -> AcceleratorLoad {
        let path = rooted.path("/sys/kernel/debug/rknpu/load")
        if SmallFile.exists(path) {
            return AcceleratorLoad(path: path, status: "found", note: "Rockchip NPU load; \(readByRun)")
        }
        let debugfs = rooted.path("/sys/kernel/debug")
        if SmallFile.exists(debugfs) && !SmallFile.isExecutable(debugfs) {
            return AcceleratorLoad(
                path: path, status: "unknown",
                note: "\(debugfs) is not searchable by this user; run as root to check for the Rockchip NPU load"
            )
        }
        return AcceleratorLoad(path: path, status: "not_found", note: "no \(path)")
    }

    /// Reads each sysfs power source once.
    static func livePower(_ sources: [any TelemetrySource]) -> [PowerReading] {
        sources.flatMap { source in
            ((try? source.read()) ?? []).filter { $0.quantity == .power || $0.quantity == .energyCounter }.map {
                PowerReading(
                    source: source.description.id, boundary: source.description.boundary, channel: $0.channel,
                    quantity: $0.quantity, value: $0.value)
            }
        }
    }
}
