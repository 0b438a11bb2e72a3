/// One entry of `devices.yaml` as written: datasheet units, named in the keys. `DeviceCatalog+Loading`
/// validates it and converts it to a `Device` in SI units.
struct CatalogEntry: Decodable, Sendable {
    var id: String
    var name: String
    var base: String?
    var dimensionsMM: [Double]?
    var massG: Double?
    var price: Price?
    var kitPrice: Price?
    var cpu: String?
    var cores: Int?
    var memoryGB: Double?
    var memoryType: String?
    var memoryBandwidthGBps: Double?
    var accelerator: Accelerator?
    var ratedPowerW: [Double]?
    var powerModes: [PowerMode]?
    var batteryWh: Double?
    var addon: AddOn?
    var sources: [String: String]?
    var notes: [String: String]?
    var missing: [String: String]?

    enum CodingKeys: String, CodingKey {
        case id, name, base, price, cpu, cores, accelerator, addon, sources, notes, missing
        case dimensionsMM = "dimensions_mm", massG = "mass_g", memoryGB = "memory_gb", memoryType = "memory_type"
        case memoryBandwidthGBps = "memory_bandwidth_gbps", ratedPowerW = "rated_power_w", powerModes = "power_modes"
        case batteryWh = "battery_wh", kitPrice = "kit_price"
    }

    struct Price: Decodable, Sendable {
        var usd: Double
        var date: String?
        var note: String?
    }

    struct Accelerator: Decodable, Sendable {
        var name: String
        var tops: Double?
        var precision: String?
    }

    struct PowerMode: Decodable, Sendable {
        var name: String
        var watts: Double?
    }

    struct AddOn: Decodable, Sendable {
        var name: String
        var dimensionsMM: [Double]?
        var massG: Double?
        var price: Price?
        var memoryGB: Double?

        enum CodingKeys: String, CodingKey {
            case name, price
            case dimensionsMM = "dimensions_mm", massG = "mass_g", memoryGB = "memory_gb"
        }
    }

    /// Every key an entry may have; anything else is a typo that would otherwise vanish silently.
    static let keys = Set(["id", "name", "base", "sources", "notes", "missing"]).union(valueFields.keys)

    static let priceKeys: Set<String> = ["usd", "date", "note"]
    static let acceleratorKeys: Set<String> = ["name", "tops", "precision"]
    static let powerModeKeys: Set<String> = ["name", "watts"]
    static let addonKeys: Set<String> = ["name", "dimensions_mm", "mass_g", "price", "memory_gb"]

    /// YAML value field → the `Device` field key used in `sources`/`missing`/`notes` (shared with plans).
    static let valueFields: [String: String] = [
        "dimensions_mm": "dimensions", "mass_g": "mass", "price": "price", "kit_price": "kit_price", "cpu": "cpu", "cores": "cores",
        "memory_gb": "memory", "memory_type": "memory_type", "memory_bandwidth_gbps": "memory_bandwidth",
        "accelerator": "accelerator", "rated_power_w": "rated_power", "power_modes": "power_modes",
        "battery_wh": "battery", "addon": "addon",
    ]

    /// The YAML value fields this entry sets.
    var presentFields: Set<String> {
        var present: Set<String> = []
        if dimensionsMM != nil { present.insert("dimensions_mm") }
        if massG != nil { present.insert("mass_g") }
        if price != nil { present.insert("price") }
        if kitPrice != nil { present.insert("kit_price") }
        if cpu != nil { present.insert("cpu") }
        if cores != nil { present.insert("cores") }
        if memoryGB != nil { present.insert("memory_gb") }
        if memoryType != nil { present.insert("memory_type") }
        if memoryBandwidthGBps != nil { present.insert("memory_bandwidth_gbps") }
        if accelerator != nil { present.insert("accelerator") }
        if ratedPowerW != nil { present.insert("rated_power_w") }
        if powerModes != nil { present.insert("power_modes") }
        if batteryWh != nil { present.insert("battery_wh") }
        if addon != nil { present.insert("addon") }
        return present
    }
}
