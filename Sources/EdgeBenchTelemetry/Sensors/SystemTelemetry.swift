import EdgeBenchCore

/// The system sources this machine actually has, for the runner to hand to the `Sampler`.
public enum SystemTelemetry {
    /// Only sources with something to read are returned: no thermal source on a VM
    /// without thermal zones, no engine source without a pid (or once that pid is gone), no RAPL zone
    /// whose counter is root-only (`edgebench sensors` says why).
    public static func sources(root: String = "/", enginePID: Int32?) -> [any TelemetrySource] {
        var sources: [any TelemetrySource] = powerSources(root: root)
        let thermal = ThermalZonesSource(root: root)
        if !thermal.zones.isEmpty { sources.append(thermal) }
        let cpufreq = CPUFrequencySource(root: root)
        if !cpufreq.cpus.isEmpty { sources.append(cpufreq) }
        let memory = MemorySource(root: root)
        if (try? memory.read()) != nil { sources.append(memory) }
        if let enginePID {
            let engine = ProcessMemorySource(pid: enginePID, root: root)
            if SmallFile.exists(engine.path) { sources.append(engine) }
        }
        return sources
    }

    /// Power and energy from sysfs: Jetson INA3221 rails (module input), RAPL zones (CPU package), and
    /// any other hwmon chip with power or voltage × current. An INA3221 is also a hwmon chip: it is read
    /// once, as INA3221, where its rail labels say which one is the module input.
    public static func powerSources(root: String = "/") -> [any TelemetrySource] {
        let ina3221 = INA3221Source.discover(root: root)
        var sources: [any TelemetrySource] = ina3221
        sources += RAPLSource.discover(root: root).sources
        sources += HwmonSource.discover(root: root).sources.filter { ina3221.isEmpty || $0.name != "ina3221" }
        return sources
    }
}
