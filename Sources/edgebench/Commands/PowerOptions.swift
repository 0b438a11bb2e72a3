import ArgumentParser
import EdgeBenchCore
import EdgeBenchRunner

/// Power sources the board does not expose by itself, and the idle baseline.
struct PowerOptions: ParsableArguments {
    @Option(
        name: .customLong("power-manual"),
        parsing: .unconditional, help: "Watts read off a display-only meter (constant; results are flagged manual).")
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

    /// The flags as given, as durations; RunSettings fills in what they leave out from the plan (or the
    /// resumed run's run.json), then the defaults.
    func flags(sampleInterval milliseconds: Double?) throws -> RunFlags {
        try RunFlags.commandLine(
            power: try sources(), idleSeconds: idleSeconds, minMeasuredSeconds: minMeasuredSeconds,
            sampleIntervalMilliseconds: milliseconds)
    }

    @Option(
        name: .customLong("idle-seconds"),
        parsing: .unconditional, help: "Idle baseline before each configuration's measured phase, taken only where power is measured (idle_power, active_energy); default: the plan's idle_seconds, else 10.")
    var idleSeconds: Double?

    @Option(
        name: .customLong("min-measured-seconds"),
        parsing: .unconditional, help: "Repeat measured requests back to back until each configuration's measured phase lasts this long (slow meters, e.g. a 1 Hz plug); default: the plan's min_measured_seconds, else 0.")
    var minMeasuredSeconds: Double?

    func validate() throws {
        if let minMeasuredSeconds, !(minMeasuredSeconds >= 0 && minMeasuredSeconds.isFinite) {
            throw ValidationError("--min-measured-seconds must be a number of seconds ≥ 0, got \(minMeasuredSeconds)")
        }
        if let manualWatts, !(manualWatts > 0 && manualWatts.isFinite) {
            throw ValidationError("--power-manual must be a positive number of watts, got \(manualWatts)")
        }
        guard PowerSourceSpec.boundaries.contains(boundary) else {
            throw ValidationError("--power-boundary \(boundary.rawValue) is not a power boundary")
        }
        if [manualWatts != nil, command != nil, plug != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --power-manual, --power-command, --power-plug")
        }
        if let idleSeconds, !(idleSeconds >= 0 && idleSeconds.isFinite) {
            throw ValidationError("--idle-seconds must be a number of seconds ≥ 0, got \(idleSeconds)")
        }
        _ = try sources()
    }

    /// The declared meter, checked once (Core's `PowerSourceSpec.validated`).
    func sources() throws -> [PowerSourceSpec] {
        let spec: PowerSourceSpec
        if let manualWatts {
            spec = .manual(watts: manualWatts, boundary: boundary)
        } else if let command {
            spec = .command(command, boundary: boundary)
        } else if let plug {
            guard let equals = plug.firstIndex(of: "="), let kind = SmartPlugKind(named: String(plug[..<equals])) else {
                throw ValidationError("--power-plug must be KIND=URL with KIND one of \(SmartPlugKind.namesText), got \(plug)")
            }
            spec = .plug(kind, url: String(plug[plug.index(after: equals)...]))
        } else {
            return []
        }
        do {
            return [try spec.validated()]
        } catch {
            let flag = manualWatts != nil ? "--power-manual" : command != nil ? "--power-command" : "--power-plug \(plug ?? "")"
            throw ValidationError("\(flag): \(error)")
        }
    }
}

extension MeasurementBoundary: ExpressibleByArgument {}
