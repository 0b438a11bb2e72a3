/// Where a parser hands its readings, one at a time, as it reads: a collector for a log held in memory,
/// or a summary, a JSON writer or an energy integrator that keeps only what it needs, so a log of
/// any length is read in bounded memory.
public protocol TelemetryLogSink {
    mutating func add(_ reading: LogReading)
}

/// Keeps every reading: `TelemetryLogParser.parse(_:)`.
public struct LogCollector: TelemetryLogSink {
    public var readings: [LogReading] = []
    public init() {}
    public mutating func add(_ reading: LogReading) { readings.append(reading) }
}

/// Keeps nothing: a first pass that only needs the log's description.
public struct LogDiscard: TelemetryLogSink {
    public init() {}
    public mutating func add(_ reading: LogReading) {}
}

extension TelemetryLogFormat {
    /// Reads `lines` once, handing every reading to `sink`; the log's description comes back at the end.
    public func read(_ lines: LogLines, into sink: inout some TelemetryLogSink) throws -> LogDescription {
        try parser.read(lines, into: &sink)
    }
}
