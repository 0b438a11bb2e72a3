import EdgeBenchCore
import Foundation

/// The power sensors of one machine, found in one walk: what `edgebench run` samples (`sources`) and
/// what `edgebench sensors` lists (`findings`: every sensor found, read or left out, and why), so the
/// two can never disagree about what a run will read.
public struct PowerDiscovery: Sendable {
    /// A power sensor found by presence: what `edgebench sensors` lists, read or left out.
    public typealias Finding = SensorInventory.PowerSensor

    public static let readByRun = "read by `edgebench run`"

    public private(set) var findings: [Finding] = []
    /// What `edgebench run` samples, in the order found.
    public private(set) var sources: [any TelemetrySource] = []
    /// What could not be read as it should (a RAPL range that cannot be read, so a wrap cannot be corrected).
    public private(set) var problems: [String] = []

    /// true when a chip measures the Jetson module's input (then tegrastats is not started: the rails are read directly)
    public var hasModuleInput: Bool { sources.contains { $0.description.boundary == .moduleInput } }

    /// Jetson INA3221 rails (module input), RAPL zones (CPU package), and any other hwmon chip with power,
    /// energy or voltage × current. An INA3221 is also a hwmon chip: it is read once, as INA3221, where its
    /// rail labels say which one is the module input.
    public static func scan(root: String = "/") -> PowerDiscovery {
        var discovery = PowerDiscovery()
        let ina3221 = INA3221Source.combined(INA3221Source.discover(root: root))
        for source in ina3221 {
            discovery.sources.append(source)
            discovery.findings += source.rails.map { rail in
                Finding(
                    kind: "ina3221", path: (rail.voltagePath as NSString).deletingLastPathComponent, name: rail.channel,
                    channels: [Self.file(rail.voltagePath) + "×" + Self.file(rail.currentPath)], readable: true,
                    note: "\(readByRun) (source \(source.description.id))")
            }
        }

        let rapl = RAPLSource.scan(root: root)
        discovery.problems += rapl.problems
        discovery.sources += rapl.sources
        var raplFindings = rapl.sources.flatMap { source in
            source.zones.map { zone in
                Finding(
                    kind: "rapl", path: (zone.energyPath as NSString).deletingLastPathComponent, name: zone.channel,
                    channels: ["energy_uj"], readable: true, note: readByRun)
            }
        }
        raplFindings += rapl.leftOut.map {
            Finding(kind: "rapl", path: $0.directory, name: $0.name, channels: ["energy_uj"], readable: $0.readable, note: $0.reason)
        }
        discovery.findings += raplFindings.sorted { $0.path < $1.path }

        let hwmon = HwmonSource.scan(root: root)
        discovery.problems += hwmon.problems
        for source in hwmon.sources {
            if !ina3221.isEmpty && source.name == "ina3221" {
                discovery.findings.append(Finding(
                    kind: "hwmon", path: source.directory, name: source.name, channels: source.channelFiles, readable: true,
                    note: "read by `edgebench run` as the INA3221 rails above, not twice"))
                continue
            }
            discovery.sources.append(source)
            discovery.findings.append(Finding(
                kind: "hwmon", path: source.directory, name: source.name, channels: source.channelFiles, readable: true,
                note: readByRun))
        }
        discovery.findings += hwmon.leftOut.map {
            Finding(kind: "hwmon", path: $0.directory, name: $0.name, channels: $0.channels, readable: true, note: $0.reason)
        }
        return discovery
    }

    private static func file(_ path: String) -> String { (path as NSString).lastPathComponent }
}
