import EdgeBenchCore

/// A captured sensor log or reading (a `tegrastats --logfile`, `vcgencmd pmic_read_adc` output, a Shelly
/// `/status` body…) parsed into timestamped readings in SI units: what `edgebench telemetry parse` prints
/// and `edgebench energy` integrates. Live sources parse the same text with the same parsers.
public struct TelemetryLog: Sendable, Equatable, Codable {
    public struct Source: Sendable, Equatable, Codable {
        /// the parser's format name: "tegrastats", "pmic", "nvidia-smi", "rknpu", "shelly", "tasmota", "hwmon", …
        public var format: String
        public var boundary: MeasurementBoundary
        /// true when power is derived by a model (Pi 5 PMIC calibration) rather than measured
        public var estimate: Bool

        public init(format: String, boundary: MeasurementBoundary, estimate: Bool = false) {
            self.format = format
            self.boundary = boundary
            self.estimate = estimate
        }
    }

    public var source: Source
    public var readings: [LogReading]
    /// The channel whose `power` readings are this log's whole-device power figure (Jetson `VDD_IN`,
    /// JetPack 4 `POM_5V_IN`, the Pi 5 PMIC estimate, a plug's meter), nil when the log has no power.
    public var powerChannel: String?
    /// How `powerChannel` was chosen when it was not obvious, e.g. "sum of rails: no input rail in this log".
    public var powerNote: String?
    /// Lines that were clearly not the format (blank, shell prompts, the command itself, `time`'s
    /// output, other files' output) and were passed over.
    public var skippedLines: Int

    public init(
        source: Source, readings: [LogReading], powerChannel: String? = nil, powerNote: String? = nil, skippedLines: Int = 0
    ) {
        self.source = source
        self.readings = readings
        self.powerChannel = powerChannel
        self.powerNote = powerNote
        self.skippedLines = skippedLines
    }

    public init(_ description: LogDescription, readings: [LogReading]) {
        self.init(
            source: description.source, readings: readings, powerChannel: description.powerChannel,
            powerNote: description.powerNote, skippedLines: description.skippedLines)
    }

    /// Everything but the readings: what a parser knows once it has read the whole log.
    public var logDescription: LogDescription {
        LogDescription(source: source, powerChannel: powerChannel, powerNote: powerNote, skippedLines: skippedLines)
    }

    enum CodingKeys: String, CodingKey {
        case source, readings
        case powerChannel = "power_channel"
        case powerNote = "power_note"
        case skippedLines = "skipped_lines"
    }
}

/// What a log is, known only after its last line (the power channel of a tegrastats log depends on
/// which rails it had): a streaming read hands readings out first and this at the end.
public struct LogDescription: Sendable, Equatable {
    public var source: TelemetryLog.Source
    public var powerChannel: String?
    public var powerNote: String?
    public var skippedLines: Int

    public init(source: TelemetryLog.Source, powerChannel: String? = nil, powerNote: String? = nil, skippedLines: Int = 0) {
        self.source = source
        self.powerChannel = powerChannel
        self.powerNote = powerNote
        self.skippedLines = skippedLines
    }
}

/// One value of one named channel at one time.
public struct LogReading: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case power, energy, voltage, current, temperature, utilisation, frequency, memory, throttle
    }

    /// Seconds: the log's own timestamp where it has one (seconds since the epoch or since boot),
    /// else seconds since the first reading at the log's known interval; nil for a single reading
    /// with no time at all.
    public var t: Double?
    /// As the log names it: "VDD_IN", "EXT5V_V", "CPU temp", "NPU core0", "meters[0]" …
    public var name: String
    public var quantity: Kind
    /// SI value in `unit`
    public var value: Double
    /// "W", "J", "V", "A", "C" (°C), "%" (utilisation, 0–100), "Hz", "B", "flags" (a throttle bit field)
    public var unit: String

    public init(t: Double?, name: String, quantity: Kind, value: Double, unit: String) {
        self.t = t
        self.name = name
        self.quantity = quantity
        self.value = value
        self.unit = unit
    }
}

/// A parser for one captured format. It reads the lines once, in order, handing each reading to the
/// sink as soon as it is parsed, so a log of any size is read in bounded memory. Errors name the line
/// (1-based) and column and quote the line. Lines that are clearly not the format are skipped and
/// counted; a line that looks like the format but is damaged is an error; a log in which nothing
/// parses is an error naming its first line.
public protocol TelemetryLogParser {
    static var format: String { get }
    static func read(_ lines: LogLines, into sink: inout some TelemetryLogSink) throws -> LogDescription
}

extension TelemetryLogParser {
    /// The whole log in memory: for a reading, a reply, a test.
    public static func parse(_ text: String) throws -> TelemetryLog {
        var collector = LogCollector()
        let description = try read(LogLines(text: text), into: &collector)
        return TelemetryLog(description, readings: collector.readings)
    }
}

/// A line that could not be understood: where (FILE:LINE:COL), what, what was expected.
public struct TelemetryLogError: Error, Sendable, Equatable, CustomStringConvertible {
    public var format: String
    /// the file, where the reader knows it (the command line sets it)
    public var file: String?
    public var line: Int
    /// 1-based, in characters, where the damage starts (1 when the whole line is wrong)
    public var column: Int
    public var text: String
    public var expected: String

    public init(format: String, file: String? = nil, line: Int, column: Int = 1, text: String, expected: String) {
        self.format = format
        self.file = file
        self.line = line
        self.column = column
        self.text = text
        self.expected = expected
    }

    public var description: String {
        let excerpt = text.count > 160 ? String(text.prefix(160)) + "…" : text
        let place = file.map { "\($0):\(line):\(column)" } ?? "line \(line), column \(column)"
        return "\(place): not a \(format) line: expected \(expected), got: \(excerpt)"
    }
}
