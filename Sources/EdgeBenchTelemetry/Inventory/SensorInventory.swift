import EdgeBenchCore
/// What sensors this machine offers, for `edgebench sensors` (text) and `--json`.
/// Absent values are nil (omitted from JSON), never 0: a missing sensor is unavailable, not zero.
public struct SensorInventory: Sendable, Equatable, Codable {
    /// A power-capable sensor found by presence; `note` says whether `edgebench run` reads it yet,
    /// except where `readable` says it could not be read at all.
    public struct PowerSensor: Sendable, Equatable, Codable {
        /// `rapl`, `hwmon`, `vcgencmd`, `tegrastats`, `nvidia-smi`
        public var kind: String
        /// directory or executable found
        public var path: String
        /// zone or chip name (`package-0`, `ina3221`)
        public var name: String?
        /// channels the sensor exposes (`power1_input`, `in1_input×curr1_input`)
        public var channels: [String]
        /// false when present but not readable by this user
        public var readable: Bool
        public var note: String
    }

    public struct ThermalZone: Sendable, Equatable, Codable {
        /// `thermal_zone0`
        public var zone: String
        /// the zone's type, deduplicated as the sampler's channel name
        public var channel: String
        public var celsius: Double?
        public var error: String?
    }

    public struct CPUClock: Sendable, Equatable, Codable {
        public var cpu: String
        public var hertz: Double?
        public var error: String?
    }

    public struct Memory: Sendable, Equatable, Codable {
        public var totalBytes: Double?
        public var availableBytes: Double?
        public var error: String?
    }

    /// NPU load counter (`/sys/kernel/debug/rknpu/load`).
    public struct AcceleratorLoad: Sendable, Equatable, Codable {
        public var path: String
        /// `found`, `not_found`, or `unknown` (debugfs exists but this user may not look inside)
        public var status: String
        public var note: String
    }

    public var root: String
    public var power: [PowerSensor]
    public var thermal: [ThermalZone]
    public var cpufreq: [CPUClock]
    public var memory: Memory
    public var npu: AcceleratorLoad
    /// One live reading of every sysfs power source `edgebench run` would sample, with its boundary.
    public var powerReadings: [PowerReading]
    /// Clock-capping cooling devices (`cpufreq-cpu0`, `devfreq-…gpu`) whose state flags requests `throttled`.
    public var coolingDevices: [String] = []

    /// A power or energy value read just now.
    public struct PowerReading: Sendable, Equatable, Codable {
        public var source: String
        public var boundary: MeasurementBoundary
        public var channel: String
        public var quantity: Quantity
        /// W, or J for an energy counter
        public var value: Double
    }

    public init(
        root: String, power: [PowerSensor], thermal: [ThermalZone], cpufreq: [CPUClock],
        memory: Memory, npu: AcceleratorLoad, powerReadings: [PowerReading] = []
    ) {
        self.powerReadings = powerReadings
        self.root = root
        self.power = power
        self.thermal = thermal
        self.cpufreq = cpufreq
        self.memory = memory
        self.npu = npu
    }
}
