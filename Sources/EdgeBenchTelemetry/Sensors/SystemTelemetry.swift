import Foundation
import EdgeBenchCore

/// The system sources this machine actually has, for the runner to hand to the `Sampler`.
public enum SystemTelemetry {
    /// The shortest interval between reads of slow channels (temperatures, clocks, memory, cooling).
    public static let slowInterval: Duration = .milliseconds(250)

    /// Only sources with something to read are returned: no thermal source on a VM
    /// without thermal zones, no engine source without a pid (or once that pid is gone), no RAPL zone
    /// whose counter is root-only (`edgebench sensors` says why).
    public static func sources(
        root: String = "/", enginePID: Int32?, searchPath: [String]? = nil, interval: Duration = .milliseconds(100)
    ) -> [any TelemetrySource] {
        let power = PowerDiscovery.scan(root: root)
        var sources = power.sources
        sources += toolSources(root: root, searchPath: searchPath, interval: interval, hasINA3221: power.hasModuleInput)
        // Temperatures, clocks, memory and cooling states change over seconds, not milliseconds: read at
        // most `slowInterval` apart whatever the rate, so a fast rate for power costs the board little.
        var slow: [any TelemetrySource] = []
        let npu = RKNPUSource(root: root)
        if (try? npu.read()) != nil { slow.append(npu) }
        let thermal = ThermalZonesSource(root: root)
        if !thermal.zones.isEmpty { slow.append(thermal) }
        let cooling = CoolingDevicesSource(root: root)
        if !cooling.devices.isEmpty { slow.append(cooling) }
        let cpufreq = CPUFrequencySource(root: root)
        if !cpufreq.cpus.isEmpty { slow.append(cpufreq) }
        let memory = MemorySource(root: root)
        if (try? memory.read()) != nil { slow.append(memory) }
        if let enginePID {
            let engine = ProcessMemorySource(pid: enginePID, root: root)
            if SmallFile.exists(engine.path) { slow.append(engine) }
        }
        sources += interval < slowInterval ? slow.map { RateLimitedSource($0, minimum: slowInterval) } : slow
        return sources
    }

    /// Power and energy from sysfs (`PowerDiscovery`: the same walk `edgebench sensors` lists).
    public static func powerSources(root: String = "/") -> [any TelemetrySource] {
        PowerDiscovery.scan(root: root).sources
    }

    /// Board tools found on the PATH: the Pi 5's `vcgencmd` (a process per read, so at most once a
    /// second), `nvidia-smi` and `tegrastats` (one long-lived process each; tegrastats only where the
    /// INA3221 rails are not readable directly).
    static func toolSources(root: String, searchPath: [String]?, interval: Duration, hasINA3221: Bool) -> [any TelemetrySource] {
        let directories = searchPath
            ?? (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        let rooted = RootPath(root)
        func find(_ tool: String) -> String? {
            directories.lazy.map { rooted.path("\($0)/\(tool)") }.first(where: SmallFile.isExecutable)
        }
        let milliseconds = max(1, Int(interval.nanoseconds / 1_000_000))
        var sources: [any TelemetrySource] = []
        if let vcgencmd = find("vcgencmd") {
            sources.append(RateLimitedSource(RaspberryPiSource(executable: vcgencmd), minimum: .seconds(1)))
        }
        if let smi = find("nvidia-smi") {
            sources.append(NvidiaSMISource(executable: smi, intervalMilliseconds: milliseconds))
        }
        if !hasINA3221, let tegrastats = find("tegrastats") {
            sources.append(TegrastatsSource(executable: tegrastats, intervalMilliseconds: max(milliseconds, 100)))
        }
        return sources
    }
}
