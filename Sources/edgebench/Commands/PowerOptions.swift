import ArgumentParser
import EdgeBenchCore
import EdgeBenchRunner
import EdgeBenchTelemetry

/// Power sources the board does not expose by itself, and the idle baseline.
struct PowerOptions: ParsableArguments {
    @Option(
        name: .customLong("power-manual"),
        help: "Watts read off a display-only meter (constant; results are flagged manual).")
    var manualWatts: Double?

    @Option(
        name: .customLong("power-command"),
        help: "A program printing one watts value per line (USB meter logger, serial reader); run with /bin/sh -c.")
    var command: String?

    @Option(
        name: .customLong("power-plug"),
        help: "A smart plug to poll: shelly-gen1=URL, shelly-rpc=URL (Gen2/Gen3) or tasmota=URL, e.g. shelly-rpc=http://192.168.1.50 (wall AC).")
    var plug: String?

    @Option(
        name: .customLong("power-boundary"),
        help: "Where that meter sits: wall_ac (plug, PSU included), board_dc (USB-C input), module_input, soc_rails, gpu_board, cpu_package.")
    var boundary: MeasurementBoundary = .wallAC

    /// The flags as given; RunSettings fills in what they leave out from the plan, then the defaults.
    func flags(sampleInterval milliseconds: Double?) -> RunFlags {
        RunFlags(
            power: sources, idleSeconds: idleSeconds, minMeasuredSeconds: minMeasuredSeconds,
            sampleIntervalMilliseconds: milliseconds)
    }

    @Option(
        name: .customLong("idle-seconds"),
        help: "Idle baseline before each configuration's measured phase, taken only where power is measured (idle_power, active_energy); default: the plan's idle_seconds, else 10.")
    var idleSeconds: Double?

    @Option(
        name: .customLong("min-measured-seconds"),
        help: "Repeat measured requests back to back until each configuration's measured phase lasts this long (slow meters, e.g. a 1 Hz plug); default: the plan's min_measured_seconds, else 0.")
    var minMeasuredSeconds: Double?

    func validate() throws {
        if let minMeasuredSeconds, minMeasuredSeconds < 0 {
            throw ValidationError("--min-measured-seconds cannot be negative, got \(minMeasuredSeconds)")
        }
        if let manualWatts, !(manualWatts > 0 && manualWatts.isFinite) {
            throw ValidationError("--power-manual must be a positive number of watts, got \(manualWatts)")
        }
        if [manualWatts != nil, command != nil, plug != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --power-manual, --power-command, --power-plug")
        }
        if plug != nil { _ = try plugSpec() }
        if let idleSeconds, idleSeconds < 0 {
            throw ValidationError("--idle-seconds cannot be negative, got \(idleSeconds)")
        }
        guard ![.system, .process].contains(boundary) else {
            throw ValidationError("--power-boundary \(boundary.rawValue) is not a power boundary")
        }
    }

    var sources: [PowerSourceSpec] {
        if let manualWatts { return [.manual(watts: manualWatts, boundary: boundary)] }
        if let command { return [.command(command, boundary: boundary)] }
        if let spec = try? plugSpec() { return [spec] }
        return []
    }

    func plugSpec() throws -> PowerSourceSpec {
        let kinds = SmartPlugSource.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let plug, let equals = plug.firstIndex(of: "="),
              let kind = SmartPlugSource.Kind(rawValue: String(plug[..<equals]))
        else { throw ValidationError("--power-plug must be KIND=URL with KIND one of \(kinds), got \(plug ?? "")") }
        let url = String(plug[plug.index(after: equals)...])
        do {
            _ = try SmartPlugSource(kind: kind, baseURL: url)
        } catch {
            throw ValidationError("--power-plug \(plug): \(error)")
        }
        return .plug(kind, url: url)
    }
}

extension MeasurementBoundary: ExpressibleByArgument {}
