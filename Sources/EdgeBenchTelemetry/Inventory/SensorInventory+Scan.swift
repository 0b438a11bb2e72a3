import Foundation

extension SensorInventory {
    /// RAPL zones and hwmon chips are sampled by `edgebench run` (SystemTelemetry.powerSources).
    static let readByRun = "read by `edgebench run`"

    /// Looks for every sensor kind under `root` (tests pass a fake tree).
    /// - Parameter searchPath: directories to look for vcgencmd, tegrastats and nvidia-smi in,
    ///   resolved under `root`; defaults to `$PATH`. Each tool found is run once for a live reading.
    public static func scan(root: String = "/", searchPath: [String]? = nil) -> SensorInventory {
        let rooted = RootPath(root)
        let directories = searchPath
            ?? (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
                .split(separator: ":").map(String.init)
        let live = liveTools(
            rooted, searchPath: directories,
            hasINA3221: SystemTelemetry.powerSources(root: root).contains { $0.description.boundary == .moduleInput })
        let power = raplZones(rooted) + hwmonChips(rooted) + live.sensors
        var inventory = SensorInventory(
            root: rooted.root, power: power, thermal: thermalZones(root), cpufreq: cpuClocks(root),
            memory: memory(root), npu: npuLoad(rooted), powerReadings: livePower(root) + live.readings
        )
        inventory.coolingDevices = CoolingDevicesSource(root: root).devices.map { "\($0.name) (\($0.type))" }
        return inventory
    }

    static func raplZones(_ rooted: RootPath) -> [PowerSensor] {
        let base = rooted.path("/sys/class/powercap")
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [])
            .filter { $0.hasPrefix("intel-rapl") }
            .sorted()
        return entries.compactMap { entry in
            let directory = "\(base)/\(entry)"
            let counter = directory + "/energy_uj"
            // `intel-rapl` itself is the control type, not a zone: it has no counter.
            guard SmallFile.exists(counter) else { return nil }
            let name = (try? SmallFile.contents(of: directory + "/name")).map { String(SysfsText.trimmed($0)) }
            let readable = SmallFile.isReadable(counter)
            let note = readable
                ? readByRun
                : "energy_uj is root-only (Linux ≥ 5.10): run as root or `sudo chmod o+r \(counter)`"
            return PowerSensor(kind: "rapl", path: directory, name: name, channels: ["energy_uj"], readable: readable, note: note)
        }
    }

    static func hwmonChips(_ rooted: RootPath) -> [PowerSensor] {
        let base = "/sys/class/hwmon"
        return rooted.numberedEntries(in: base, prefix: "hwmon").compactMap { entry in
            let directory = rooted.path("\(base)/\(entry.name)")
            let files = Set((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            func indices(_ prefix: String) -> [Int] {
                files.compactMap { name -> Int? in
                    guard name.hasSuffix("_input") else { return nil }
                    return SysfsText.index(of: String(name.dropLast("_input".count)), prefix: prefix)
                }.sorted()
            }
            let powerChannels = indices("power").map { "power\($0)_input" }
            let voltages = indices("in")
            let currents = indices("curr")
            // INA3221 and friends pair inN with currN; a chip with both can give V × I.
            let pairs = voltages.filter(currents.contains).map { "in\($0)_input×curr\($0)_input" }
            let products = pairs.isEmpty && !voltages.isEmpty && !currents.isEmpty
                ? ["in\(voltages[0])_input×curr\(currents[0])_input"] : pairs
            let channels = powerChannels + products
            guard !channels.isEmpty else { return nil }
            let name = (try? SmallFile.contents(of: directory + "/name")).map { String(SysfsText.trimmed($0)) }
            var note = readByRun
            if let name, name.hasPrefix("tcpm_source_psy") || name.hasPrefix("ucsi_source_psy") {
                note = "USB-PD power supply: reports the negotiated contract, not a measurement; not used for energy"
            }
            return PowerSensor(kind: "hwmon", path: directory, name: name, channels: channels, readable: true, note: note)
        }
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
    static func livePower(_ root: String) -> [PowerReading] {
        SystemTelemetry.powerSources(root: root).flatMap { source in
            ((try? source.read()) ?? []).filter { $0.quantity == .power || $0.quantity == .energyCounter }.map {
                PowerReading(
                    source: source.description.id, boundary: source.description.boundary, channel: $0.channel,
                    quantity: $0.quantity, value: $0.value)
            }
        }
    }
}
