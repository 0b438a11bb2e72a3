import EdgeBenchCore

/// The system sources this machine actually has, for the runner to hand to the `Sampler`.
public enum SystemTelemetry {
    /// Only sources with something to read are returned: no thermal source on a VM
    /// without thermal zones, no engine source without a pid (or once that pid is gone).
    /// Power sources are not included yet; they will join through the same `TelemetrySource` seam.
    public static func sources(root: String = "/", enginePID: Int32?) -> [any TelemetrySource] {
        var sources: [any TelemetrySource] = []
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
}
