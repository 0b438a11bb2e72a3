import EdgeBenchPlans
import EdgeBenchTelemetry

/// Power and timing of a run, each from the first that gives it: the command line, the plan, the default.
public struct RunSettings: Sendable, Equatable {
    public static let defaultIdleSeconds = 10.0
    public static let defaultMinMeasuredSeconds = 0.0
    public static let defaultSampleInterval = 0.1

    /// The run-wide meters: the flag's meter replaces the plan's `power:` list, never adds to it.
    public var power: [PowerSourceSpec]
    /// s
    public var idleSeconds: Double
    /// s
    public var minMeasuredSeconds: Double
    /// s
    public var sampleInterval: Double

    public init(power: [PowerSourceSpec], idleSeconds: Double, minMeasuredSeconds: Double, sampleInterval: Double) {
        self.power = power
        self.idleSeconds = idleSeconds
        self.minMeasuredSeconds = minMeasuredSeconds
        self.sampleInterval = sampleInterval
    }

    /// Throws when a plan's power source cannot become a meter (a bad plug URL).
    public static func resolve(flags: RunFlags, plan: PlanPower?) throws -> RunSettings {
        let power = flags.power.isEmpty ? try (plan?.sources ?? []).map(PowerSourceSpec.init) : flags.power
        return RunSettings(
            power: power,
            idleSeconds: flags.idleSeconds ?? plan?.idleSeconds ?? defaultIdleSeconds,
            minMeasuredSeconds: flags.minMeasuredSeconds ?? plan?.minMeasuredSeconds ?? defaultMinMeasuredSeconds,
            sampleInterval: flags.sampleIntervalMilliseconds.map { $0 / 1000 } ?? plan?.sampleInterval
                ?? defaultSampleInterval)
    }
}
