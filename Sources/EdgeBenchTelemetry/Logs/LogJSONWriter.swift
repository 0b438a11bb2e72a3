import EdgeBenchCore

/// `edgebench telemetry parse --json` written as the readings stream past, in the shape `JSONEncoder`
/// gives a `TelemetryLog` (sorted keys, `schema/telemetry-log.schema.json`), without holding the readings:
/// a 300 MB log would otherwise be millions of values in memory before the first byte is printed.
/// The description (power channel, skipped lines) must be known first: a first pass gives it.
public struct LogJSONWriter: TelemetryLogSink {
    private let write: (String) -> Void
    private var buffer = ""
    private var count = 0
    public private(set) var readings = 0

    /// `write` receives the text in pieces of about 64 kB.
    public init(description: LogDescription, write: @escaping (String) -> Void) {
        self.write = write
        buffer.reserveCapacity(1 << 16)
        buffer += "{"
        if let channel = description.powerChannel { buffer += "\"power_channel\":\(Self.string(channel)),"}
        if let note = description.powerNote { buffer += "\"power_note\":\(Self.string(note)),"}
        buffer += "\"readings\":["
        tail = "],\"skipped_lines\":\(description.skippedLines),\"source\":{\"boundary\":\(Self.string(description.source.boundary.rawValue)),"
            + "\"estimate\":\(description.source.estimate),\"format\":\(Self.string(description.source.format))}}\n"
    }

    private let tail: String

    public mutating func add(_ reading: LogReading) {
        if readings > 0 { buffer += "," }
        readings += 1
        buffer += "{\"name\":\(Self.string(reading.name)),\"quantity\":\"\(reading.quantity.rawValue)\","
        if let t = reading.t { buffer += "\"t\":\(Self.number(t)),"}
        buffer += "\"unit\":\(Self.string(reading.unit)),\"value\":\(Self.number(reading.value))}"
        if buffer.utf8.count >= 1 << 16 {
            write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is left and closes the object.
    public mutating func finish() {
        write(buffer + tail)
        buffer = ""
    }

    /// Integers as integers (as JSONEncoder prints them), others in Swift's shortest round-trip form.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func string(_ text: String) -> String { JSONString.quoted(text) }
}
