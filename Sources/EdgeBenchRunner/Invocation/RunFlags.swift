import EdgeBenchTelemetry

/// What the command line said about power and timing; nil (or empty) where a flag was not given, so
/// the plan's value can take its place.
public struct RunFlags: Sendable, Equatable {
    /// The meter named by --power-manual, --power-command or --power-plug.
    public var power: [PowerSourceSpec]
    /// --idle-seconds, s
    public var idleSeconds: Double?
    /// --min-measured-seconds, s
    public var minMeasuredSeconds: Double?
    /// --sample-interval, in ms as the flag takes it
    public var sampleIntervalMilliseconds: Double?

    public init(
        power: [PowerSourceSpec] = [], idleSeconds: Double? = nil, minMeasuredSeconds: Double? = nil,
        sampleIntervalMilliseconds: Double? = nil
    ) {
        self.power = power
        self.idleSeconds = idleSeconds
        self.minMeasuredSeconds = minMeasuredSeconds
        self.sampleIntervalMilliseconds = sampleIntervalMilliseconds
    }
}
