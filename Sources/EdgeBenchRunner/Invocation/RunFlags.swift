import EdgeBenchCore

/// What the command line said about power and timing; nil (or empty) where a flag was not given, so
/// the plan's (or the resumed run's) value can take its place.
public struct RunFlags: Sendable, Equatable {
    /// The meter named by --power-manual, --power-command or --power-plug.
    public var power: [PowerSourceSpec]
    /// --idle-seconds
    public var idleBaseline: Duration?
    /// --min-measured-seconds
    public var minMeasured: Duration?
    /// --sample-interval
    public var sampleInterval: Duration?
    /// --request-timeout, --idle-timeout, --max-line-bytes: over every engine's own (`RequestLimits`)
    public var requestTimeout: Duration?
    public var idleTimeout: Duration?
    public var maxLineBytes: Int?

    public init(
        power: [PowerSourceSpec] = [], idleBaseline: Duration? = nil, minMeasured: Duration? = nil,
        sampleInterval: Duration? = nil
    ) {
        self.power = power
        self.idleBaseline = idleBaseline
        self.minMeasured = minMeasured
        self.sampleInterval = sampleInterval
    }

    /// The request limits as the command line takes them (seconds, seconds, bytes). Throws for a value
    /// outside the flag's range, naming the flag.
    public mutating func setRequestLimits(
        requestSeconds: Double?, idleSeconds: Double?, maxLineBytes: Int?
    ) throws(RunSetupError) {
        func seconds(_ value: Double?, flag: String) throws(RunSetupError) -> Duration? {
            guard let value else { return nil }
            guard value >= 0.001, value <= 1e6, let duration = Duration.rounded(seconds: value) else {
                throw RunSetupError("\(flag) must be a number of seconds between 0.001 and 1000000, got \(value)")
            }
            return duration
        }
        requestTimeout = try seconds(requestSeconds, flag: "--request-timeout")
        idleTimeout = try seconds(idleSeconds, flag: "--idle-timeout")
        if let maxLineBytes, !(1024...(1 << 30)).contains(maxLineBytes) {
            throw RunSetupError("--max-line-bytes must be between 1024 and 1073741824 (1 GiB), got \(maxLineBytes)")
        }
        self.maxLineBytes = maxLineBytes
    }

    /// The flags as numbers the way the command line takes them (s, s, ms), as durations. Throws for a
    /// value that is not a finite number within the flag's range, naming the flag.
    public static func commandLine(
        power: [PowerSourceSpec], idleSeconds: Double?, minMeasuredSeconds: Double?,
        sampleIntervalMilliseconds: Double?
    ) throws(RunSetupError) -> RunFlags {
        func seconds(_ value: Double?, flag: String) throws(RunSetupError) -> Duration? {
            guard let value else { return nil }
            guard value >= 0, value <= 1e6, let duration = Duration.rounded(seconds: value) else {
                throw RunSetupError("\(flag) must be a number of seconds between 0 and 1000000, got \(value)")
            }
            return duration
        }
        var interval: Duration?
        if let milliseconds = sampleIntervalMilliseconds {
            guard (1...10_000).contains(milliseconds), let duration = Duration.rounded(milliseconds: milliseconds) else {
                throw RunSetupError("--sample-interval must be between 1 and 10000 ms, got \(milliseconds)")
            }
            interval = duration
        }
        return RunFlags(
            power: power, idleBaseline: try seconds(idleSeconds, flag: "--idle-seconds"),
            minMeasured: try seconds(minMeasuredSeconds, flag: "--min-measured-seconds"), sampleInterval: interval)
    }
}
