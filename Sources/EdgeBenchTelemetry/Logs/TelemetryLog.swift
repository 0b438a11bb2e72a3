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

    public init(source: Source, readings: [LogReading], powerChannel: String? = nil, powerNote: String? = nil) {
        self.source = source
        self.readings = readings
        self.powerChannel = powerChannel
        self.powerNote = powerNote
    }

    enum CodingKeys: String, CodingKey {
        case source, readings
        case powerChannel = "power_channel"
        case powerNote = "power_note"
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

/// A parser for one captured format. Errors name the line (1-based) and quote it.
public protocol TelemetryLogParser {
    static var format: String { get }
    static func parse(_ text: String) throws -> TelemetryLog
}

/// A line that could not be understood: where, what, what was expected.
public struct TelemetryLogError: Error, Sendable, Equatable, CustomStringConvertible {
    public var format: String
    public var line: Int
    public var text: String
    public var expected: String

    public init(format: String, line: Int, text: String, expected: String) {
        self.format = format
        self.line = line
        self.text = text
        self.expected = expected
    }

    public var description: String {
        let excerpt = text.count > 160 ? String(text.prefix(160)) + "…" : text
        return "line \(line): not a \(format) line: expected \(expected), got: \(excerpt)"
    }
}
