import EdgeBenchCore

/// In run.json, intervals in seconds as people read them (`"idle_seconds": 10`); read back to the nanosecond.
extension RunSettings: Codable {
    enum CodingKeys: String, CodingKey {
        case power
        case configurationPower = "configuration_power"
        case idleSeconds = "idle_seconds"
        case minMeasuredSeconds = "min_measured_seconds"
        case sampleIntervalSeconds = "sample_interval_seconds"
        case requestTimeoutSeconds = "request_timeout_seconds"
        case idleTimeoutSeconds = "idle_timeout_seconds"
        case maxLineBytes = "max_line_bytes"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func duration(_ key: CodingKeys, default value: Duration) throws -> Duration {
            guard let seconds = try c.decodeIfPresent(Double.self, forKey: key) else { return value }
            guard seconds >= 0, let duration = Duration.rounded(seconds: seconds) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: c, debugDescription: "\(key.stringValue) must be a number of seconds ≥ 0, got \(seconds)")
            }
            return duration
        }
        self.init(
            power: try c.decodeIfPresent([PowerSourceSpec].self, forKey: .power) ?? [],
            configurationPower: try c.decodeIfPresent([String: [PowerSourceSpec]].self, forKey: .configurationPower) ?? [:],
            idleBaseline: try duration(.idleSeconds, default: Self.defaultIdleBaseline),
            minMeasured: try duration(.minMeasuredSeconds, default: Self.defaultMinMeasured),
            sampleInterval: try duration(.sampleIntervalSeconds, default: Self.defaultSampleInterval))
        // Absent in run.json of an earlier EdgeBench, and where the command line did not give them.
        if c.contains(.requestTimeoutSeconds) {
            requestTimeout = try duration(.requestTimeoutSeconds, default: RequestLimits.defaultTotal)
        }
        if c.contains(.idleTimeoutSeconds) { idleTimeout = try duration(.idleTimeoutSeconds, default: RequestLimits.defaultIdle) }
        maxLineBytes = try c.decodeIfPresent(Int.self, forKey: .maxLineBytes)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(power, forKey: .power)
        try c.encode(configurationPower, forKey: .configurationPower)
        try c.encode(idleBaseline.inSeconds, forKey: .idleSeconds)
        try c.encode(minMeasured.inSeconds, forKey: .minMeasuredSeconds)
        try c.encode(sampleInterval.inSeconds, forKey: .sampleIntervalSeconds)
        try c.encodeIfPresent(requestTimeout?.inSeconds, forKey: .requestTimeoutSeconds)
        try c.encodeIfPresent(idleTimeout?.inSeconds, forKey: .idleTimeoutSeconds)
        try c.encodeIfPresent(maxLineBytes, forKey: .maxLineBytes)
    }
}
