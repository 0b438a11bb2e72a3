import EdgeBenchCore
import EdgeBenchPlans

/// Power and timing of a run, each from the first that gives it: the command line, the plan (or, for
/// `--resume`, the run's own run.json), the default. Stored in run.json as it was resolved, so a resumed
/// run measures as the run it continues did.
public struct RunSettings: Sendable, Equatable {
    public static let defaultIdleBaseline: Duration = .seconds(10)
    public static let defaultMinMeasured: Duration = .zero
    public static let defaultSampleInterval: Duration = .milliseconds(100)

    /// The run-wide meters: the flag's meter replaces the plan's `power:` list, never adds to it.
    public var power: [PowerSourceSpec]
    /// configuration id → its engine's own meters (`power:` under an engine), used instead of `power`
    public var configurationPower: [String: [PowerSourceSpec]]
    /// idle baseline before each configuration's measured phase (taken only where power is measured)
    public var idleBaseline: Duration
    /// repeat measured requests back to back until the measured phase lasts this long (zero: the repetitions)
    public var minMeasured: Duration
    public var sampleInterval: Duration
    /// From the command line, over every engine's `timeout:` / `idle_timeout:`; nil: the plan's, else the default.
    public var requestTimeout: Duration?
    public var idleTimeout: Duration?
    /// The longest stream line or event; nil: `RequestLimits.defaultMaxLineBytes`.
    public var maxLineBytes: Int?

    public init(
        power: [PowerSourceSpec] = [], configurationPower: [String: [PowerSourceSpec]] = [:],
        idleBaseline: Duration = defaultIdleBaseline, minMeasured: Duration = defaultMinMeasured,
        sampleInterval: Duration = defaultSampleInterval
    ) {
        self.power = power
        self.configurationPower = configurationPower
        self.idleBaseline = idleBaseline
        self.minMeasured = minMeasured
        self.sampleInterval = sampleInterval
    }

    /// The declared power sources of one configuration: its engine's own, else the run's.
    public func power(for configurationID: String) -> [PowerSourceSpec] {
        configurationPower[configurationID] ?? power
    }

    /// A new run's settings: the plan's (nil for a one-off run) under the flags. Each engine's own meter
    /// comes with its configurations, unless the command line names the meter for the whole run.
    public static func resolve(flags: RunFlags, plan: Plan?, configurations: [Configuration]) -> RunSettings {
        var fromPlan = RunSettings()
        if let plan {
            fromPlan = RunSettings(
                power: plan.power.sources, configurationPower: plan.configurationPower(configurations),
                idleBaseline: plan.power.idleBaseline ?? defaultIdleBaseline,
                minMeasured: plan.power.minMeasured ?? defaultMinMeasured,
                sampleInterval: plan.power.sampleInterval ?? defaultSampleInterval)
        }
        return fromPlan.overridden(by: flags)
    }

    /// These settings with what the command line gives in their place.
    public func overridden(by flags: RunFlags) -> RunSettings {
        var settings = self
        if !flags.power.isEmpty {
            // A meter on the command line is the whole run's: no engine keeps its own.
            settings.power = flags.power
            settings.configurationPower = [:]
        }
        settings.idleBaseline = flags.idleBaseline ?? idleBaseline
        settings.minMeasured = flags.minMeasured ?? minMeasured
        settings.sampleInterval = flags.sampleInterval ?? sampleInterval
        settings.requestTimeout = flags.requestTimeout ?? requestTimeout
        settings.idleTimeout = flags.idleTimeout ?? idleTimeout
        settings.maxLineBytes = flags.maxLineBytes ?? maxLineBytes
        return settings
    }

    /// One configuration's request bounds: the command line's, else its engine's in the plan, else the defaults.
    public func limits(for engine: EngineSpec) -> RequestLimits {
        RequestLimits(
            total: requestTimeout ?? engine.timeout ?? RequestLimits.defaultTotal,
            idle: idleTimeout ?? engine.idleTimeout ?? RequestLimits.defaultIdle,
            maxLineBytes: maxLineBytes ?? RequestLimits.defaultMaxLineBytes)
    }
}
