import EdgeBenchCore

/// The catalog figures a derived metric needs, each with the reason it is missing
/// ("no dimensions in catalog entry rpi5-8gb"), so n/a always names the entry to complete.
struct DeviceInputs: Sendable {
    var volume: DerivedValue
    var mass: DerivedValue
    var price: DerivedValue
    var memoryBandwidth: DerivedValue
    /// J: the device's own battery (plan override), else the plan's `battery_wh`
    var battery: DerivedValue

    static let noDevice =
        "no device: the configuration names no catalog device (set device: in the plan, --device on a one-off run, "
        + "or --catalog-device on import)"

    init(_ device: Device?, battery planBattery: Double?, priceBasis: PriceBasis = .board) {
        guard let device else {
            let none = DerivedValue.notAvailable(Self.noDevice)
            volume = none
            mass = none
            price = none
            memoryBandwidth = none
            battery = planBattery.map(DerivedValue.value) ?? .notAvailable(Self.noBattery)
            return
        }
        func field(_ value: Double?, _ label: String, _ keys: [String], set planKey: String) -> DerivedValue {
            if let value { return .value(value) }
            let why = keys.lazy.compactMap { device.missing[$0] }.first
            return .notAvailable(
                "no \(label) in catalog entry \(device.id)" + (why.map { " (\($0))" } ?? "")
                    + "; set \(planKey) for \(device.id) under the plan's devices:")
        }
        volume = field(device.volume, "dimensions", ["dimensions", "volume"], set: "dimensions_mm")
        mass = field(device.mass, "mass", ["mass"], set: "mass_g")
        price = field(device.price(priceBasis)?.usd, priceBasis.label, [priceBasis.field], set: "price_usd")
        memoryBandwidth = field(
            device.memoryBandwidth, "memory bandwidth", ["memory_bandwidth", "memoryBandwidth", "memory_bandwidth_gbps"],
            set: "memory_bandwidth_gbps")
        battery = (device.battery ?? planBattery).map(DerivedValue.value) ?? .notAvailable(Self.noBattery)
    }

    static let noBattery = "no battery given (set battery_wh in the plan's analysis or device)"
}
