import ArgumentParser
import EdgeBenchCore
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
        name: .customLong("power-boundary"),
        help: "Where that meter sits: wall_ac (plug, PSU included), board_dc (USB-C input), module_input, soc_rails, gpu_board, cpu_package.")
    var boundary: MeasurementBoundary = .wallAC

    @Option(
        name: .customLong("idle-seconds"),
        help: "Idle baseline before each configuration's measured phase, taken only where power is measured (idle_power, active_energy).")
    var idleSeconds = 10.0

    func validate() throws {
        if let manualWatts, !(manualWatts > 0 && manualWatts.isFinite) {
            throw ValidationError("--power-manual must be a positive number of watts, got \(manualWatts)")
        }
        if manualWatts != nil && command != nil { throw ValidationError("give --power-manual or --power-command, not both") }
        guard idleSeconds >= 0 else { throw ValidationError("--idle-seconds cannot be negative, got \(idleSeconds)") }
        guard ![.system, .process].contains(boundary) else {
            throw ValidationError("--power-boundary \(boundary.rawValue) is not a power boundary")
        }
    }

    var sources: [PowerSourceSpec] {
        if let manualWatts { return [.manual(watts: manualWatts, boundary: boundary)] }
        if let command { return [.command(command, boundary: boundary)] }
        return []
    }
}

extension MeasurementBoundary: ExpressibleByArgument {}
