/// One board (or board + add-on accelerator) of the device catalog, in SI units.
///
/// Every value is optional: where no source gives a figure the field stays nil and `missing`
/// says why, so a derived metric prints "n/a — reason" instead of a number made from a default.
public struct Device: Sendable, Equatable, Codable {
    /// catalog id, e.g. "rpi5-8gb", "rpi5-8gb-ai-hat-plus-2", "jetson-orin-nano-super"
    public var id: String
    /// human name, e.g. "Raspberry Pi 5 (8 GB) + AI HAT+ 2 (Hailo-10H)"
    public var name: String
    /// for an add-on accelerator: the catalog id of the board it sits on (pairs CPU and accelerated
    /// configurations for `accelerator_gain`)
    public var base: String?
    /// length, width, height in m
    public var dimensions: Dimensions?
    /// kg
    public var mass: Double?
    /// the board (or module, or developer kit) alone at its list price: the `board` price basis
    public var price: Price?
    /// what the kit cost as benchmarked (board with its supply, cooling, storage and add-ons, as bought
    /// for the measurement): the `kit` price basis (see `PriceBasis`)
    public var kitPrice: Price?
    public var cpu: String?
    public var cores: Int?
    /// RAM in B
    public var memory: Double?
    /// e.g. "LPDDR4X-4267"
    public var memoryType: String?
    /// B/s
    public var memoryBandwidth: Double?
    public var accelerator: Accelerator?
    /// rated power draw range in W
    public var ratedPower: PowerRange?
    /// named power modes (Jetson nvpmodel), each with its budget in W
    public var powerModes: [PowerMode]
    /// energy of the battery the kit carries, in J (a plan's `battery_wh` × 3600); catalog boards have none
    public var battery: Double?
    /// for a board + add-on accelerator: the add-on alone (e.g. the AI HAT+ 2 without the Pi)
    public var addon: AddOn?
    /// field key → URL of the source of its value (`"plan"` where a plan set it).
    /// Field keys: dimensions, mass, price, kit_price, cpu, cores, memory, memory_type, memory_bandwidth,
    /// accelerator, rated_power, power_modes, battery, addon.
    public var sources: [String: String]
    /// field key → why it has no value
    public var missing: [String: String]
    /// field key → how a value was derived from its source (e.g. bandwidth = transfer rate × bus width)
    public var notes: [String: String]

    public init(
        id: String, name: String, base: String? = nil, dimensions: Dimensions? = nil, mass: Double? = nil,
        price: Price? = nil, kitPrice: Price? = nil, cpu: String? = nil, cores: Int? = nil, memory: Double? = nil,
        memoryType: String? = nil, memoryBandwidth: Double? = nil, accelerator: Accelerator? = nil,
        ratedPower: PowerRange? = nil, powerModes: [PowerMode] = [], battery: Double? = nil, addon: AddOn? = nil,
        sources: [String: String] = [:], missing: [String: String] = [:], notes: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.base = base
        self.dimensions = dimensions
        self.mass = mass
        self.price = price
        self.kitPrice = kitPrice
        self.cpu = cpu
        self.cores = cores
        self.memory = memory
        self.memoryType = memoryType
        self.memoryBandwidth = memoryBandwidth
        self.accelerator = accelerator
        self.ratedPower = ratedPower
        self.powerModes = powerModes
        self.battery = battery
        self.addon = addon
        self.sources = sources
        self.missing = missing
        self.notes = notes
    }

    // snake_case like the rest of the bundle; the keys of `sources`, `missing` and `notes` are these names.
    enum CodingKeys: String, CodingKey {
        case id, name, base, dimensions, mass, price, cpu, cores, memory
        case kitPrice = "kit_price"
        case memoryType = "memory_type"
        case memoryBandwidth = "memory_bandwidth"
        case accelerator
        case ratedPower = "rated_power"
        case powerModes = "power_modes"
        case battery, addon, sources, missing, notes
    }

    /// Optional collections may be absent (a hand-written bundle or an older one).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            base: try c.decodeIfPresent(String.self, forKey: .base),
            dimensions: try c.decodeIfPresent(Dimensions.self, forKey: .dimensions),
            mass: try c.decodeIfPresent(Double.self, forKey: .mass), price: try c.decodeIfPresent(Price.self, forKey: .price),
            kitPrice: try c.decodeIfPresent(Price.self, forKey: .kitPrice),
            cpu: try c.decodeIfPresent(String.self, forKey: .cpu), cores: try c.decodeIfPresent(Int.self, forKey: .cores),
            memory: try c.decodeIfPresent(Double.self, forKey: .memory),
            memoryType: try c.decodeIfPresent(String.self, forKey: .memoryType),
            memoryBandwidth: try c.decodeIfPresent(Double.self, forKey: .memoryBandwidth),
            accelerator: try c.decodeIfPresent(Accelerator.self, forKey: .accelerator),
            ratedPower: try c.decodeIfPresent(PowerRange.self, forKey: .ratedPower),
            powerModes: try c.decodeIfPresent([PowerMode].self, forKey: .powerModes) ?? [],
            battery: try c.decodeIfPresent(Double.self, forKey: .battery),
            addon: try c.decodeIfPresent(AddOn.self, forKey: .addon),
            sources: try c.decodeIfPresent([String: String].self, forKey: .sources) ?? [:],
            missing: try c.decodeIfPresent([String: String].self, forKey: .missing) ?? [:],
            notes: try c.decodeIfPresent([String: String].self, forKey: .notes) ?? [:])
    }

    /// m³, when all three dimensions are known
    public var volume: Double? { dimensions.map { $0.length * $0.width * $0.height } }

    public struct Dimensions: Sendable, Equatable, Codable {
        /// m
        public var length: Double
        public var width: Double
        public var height: Double
        public init(length: Double, width: Double, height: Double) {
            self.length = length
            self.width = width
            self.height = height
        }
    }

    public struct Price: Sendable, Equatable, Codable {
        /// US dollars
        public var usd: Double
        /// when the price was seen (ISO 8601 date), e.g. "2026-03"
        public var date: String?
        /// e.g. "as benchmarked", "list"
        public var note: String?
        public init(usd: Double, date: String? = nil, note: String? = nil) {
            self.usd = usd
            self.date = date
            self.note = note
        }
    }

    public struct Accelerator: Sendable, Equatable, Codable {
        public var name: String
        /// peak operations per second at `precision` (TOPS × 1e12)
        public var peakOps: Double?
        /// e.g. "INT8", "INT4", "FP16"
        public var precision: String?
        enum CodingKeys: String, CodingKey {
            case name
            case peakOps = "peak_ops"
            case precision
        }

        public init(name: String, peakOps: Double? = nil, precision: String? = nil) {
            self.name = name
            self.peakOps = peakOps
            self.precision = precision
        }
    }

    public struct PowerRange: Sendable, Equatable, Codable {
        /// W
        public var min: Double?
        public var max: Double?
        public init(min: Double?, max: Double?) {
            self.min = min
            self.max = max
        }
    }

    public struct PowerMode: Sendable, Equatable, Codable {
        /// e.g. "15W", "MAXN_SUPER"
        public var name: String
        /// power budget in W (nil for an uncapped mode such as MAXN)
        public var watts: Double?
        public init(name: String, watts: Double?) {
            self.name = name
            self.watts = watts
        }
    }

    /// An add-on accelerator on its own, as its vendor sells it (the combination's figures are the entry's).
    public struct AddOn: Sendable, Equatable, Codable {
        public var name: String
        public var dimensions: Dimensions?
        /// kg
        public var mass: Double?
        public var price: Price?
        /// the add-on's own memory in B (the AI HAT+ 2 carries 8 GB)
        public var memory: Double?
        public init(name: String, dimensions: Dimensions? = nil, mass: Double? = nil, price: Price? = nil, memory: Double? = nil) {
            self.name = name
            self.dimensions = dimensions
            self.mass = mass
            self.price = price
            self.memory = memory
        }
    }
}
