/// The telemetry seam: a source reads one kind of sensor, cheaply, when the sampler asks.
/// Adding a sensor means adding one type behind this protocol plus its fixtures.
public protocol TelemetrySource: Sendable {
    var description: SourceDescription { get }
    func read() throws -> [Reading]
    /// Appends this read's readings to `readings`. The sampler calls this up to 1000 times a second
    /// with one buffer it reuses, so a source read on every round overrides it to allocate nothing;
    /// the default forwards to `read()`.
    func read(into readings: inout [Reading]) throws
}

extension TelemetrySource {
    public func read(into readings: inout [Reading]) throws {
        readings += try read()
    }
}

public enum Quantity: String, Codable, Sendable, CaseIterable {
    /// instantaneous power, W
    case power
    /// cumulative energy counter, J
    case energyCounter = "energy_counter"
    /// °C
    case temperature
    /// Hz
    case frequency
    /// 0–1
    case utilisation
    /// bytes
    case memory
    /// 1 while the board throttles now (under-voltage, frequency cap, thermal throttling, soft limit), else 0
    case throttle
}

/// Where a power or energy figure is measured. Figures of different boundaries are never added.
public enum MeasurementBoundary: String, Codable, Sendable, CaseIterable {
    case wallAC = "wall_ac"
    case boardDC = "board_dc"
    case moduleInput = "module_input"
    case socRails = "soc_rails"
    case gpuBoard = "gpu_board"
    case cpuPackage = "cpu_package"
    /// not a power boundary: whole-system state (temperatures, memory, clocks)
    case system
    /// one process (the engine)
    case process
}

public struct SourceDescription: Sendable, Equatable, Codable {
    public var id: String
    public var kind: String
    public var boundary: MeasurementBoundary
    public var isEstimate: Bool
    /// Human-readable: what it reads, from where.
    public var detail: String

    public init(id: String, kind: String, boundary: MeasurementBoundary, isEstimate: Bool = false, detail: String) {
        self.id = id
        self.kind = kind
        self.boundary = boundary
        self.isEstimate = isEstimate
        self.detail = detail
    }
}

/// One value from one channel of a source (a thermal zone, a CPU's clock, a rail).
public struct Reading: Sendable, Equatable, Codable {
    public var channel: String
    public var quantity: Quantity
    /// SI value: W, J, °C, Hz, ratio 0–1, bytes.
    public var value: Double

    public init(channel: String, quantity: Quantity, value: Double) {
        self.channel = channel
        self.quantity = quantity
        self.value = value
    }
}

/// A reading stamped by the sampler.
public struct Sample: Sendable, Equatable, Codable {
    public var at: Instant
    public var source: String
    public var reading: Reading

    public init(at: Instant, source: String, reading: Reading) {
        self.at = at
        self.source = source
        self.reading = reading
    }
}
