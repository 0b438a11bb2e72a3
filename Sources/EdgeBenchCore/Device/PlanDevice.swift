/// A device a plan names under `devices:`: either overrides of a catalog entry (`catalog: rpi5-8gb`
/// plus the fields that differ — a custom enclosure, another price, a battery) or a board of its own
/// (no `catalog`, then `name` is required). Values in SI units, like `Device`.
public struct PlanDevice: Sendable, Equatable, Codable {
    /// the key under `devices:`; engines refer to the device by it
    public var key: String
    /// catalog id this device starts from; nil for a device defined by the plan alone
    public var catalog: String?
    /// human name; required when `catalog` is nil
    public var name: String?
    /// m
    public var dimensions: Device.Dimensions?
    /// kg
    public var mass: Double?
    /// US dollars
    public var priceUSD: Double?
    /// when that price was seen, e.g. "2026-03"
    public var priceDate: String?
    /// B/s
    public var memoryBandwidth: Double?
    /// J (the plan's `battery_wh` × 3600)
    public var battery: Double?
    public var accelerator: Device.Accelerator?

    /// What `sources[field]` says for every value the plan set: the plan, not a URL, vouches for it.
    public static let sourceTag = "plan"

    public init(
        key: String, catalog: String? = nil, name: String? = nil, dimensions: Device.Dimensions? = nil,
        mass: Double? = nil, priceUSD: Double? = nil, priceDate: String? = nil, memoryBandwidth: Double? = nil,
        battery: Double? = nil, accelerator: Device.Accelerator? = nil
    ) {
        self.key = key
        self.catalog = catalog
        self.name = name
        self.dimensions = dimensions
        self.mass = mass
        self.priceUSD = priceUSD
        self.priceDate = priceDate
        self.memoryBandwidth = memoryBandwidth
        self.battery = battery
        self.accelerator = accelerator
    }

    /// The device this plan entry describes: `base` (its catalog entry) with every field the plan sets
    /// replaced, that field's source set to "plan" and its "missing" reason dropped. The catalog id is
    /// kept, so a board + accelerator still pairs with its base board for `accelerator_gain`; a device of
    /// the plan's own takes its key as id.
    public func overlay(on base: Device?) -> Device {
        var device = base ?? Device(id: key, name: name ?? key)
        func set(_ field: String) {
            device.sources[field] = Self.sourceTag
            device.missing[field] = nil
        }
        if let name {
            device.name = name
            set("name")
        }
        if let dimensions {
            device.dimensions = dimensions
            set("dimensions")
        }
        if let mass {
            device.mass = mass
            set("mass")
        }
        if let priceUSD {
            // a price without its own date must not inherit the catalog's date for another price; the
            // plan's price is what this device costs, so it is the price on either basis
            device.price = Device.Price(usd: priceUSD, date: priceDate, note: "plan")
            device.kitPrice = device.price
            set("price")
            set("kit_price")
        } else if let priceDate, let price = device.price {
            device.price = Device.Price(usd: price.usd, date: priceDate, note: price.note)
            set("price")
        }
        if let memoryBandwidth {
            device.memoryBandwidth = memoryBandwidth
            set("memory_bandwidth")
        }
        if let battery {
            device.battery = battery
            set("battery")
        }
        if let accelerator {
            device.accelerator = accelerator
            set("accelerator")
        }
        return device
    }

    enum CodingKeys: String, CodingKey {
        case key, catalog, name, dimensions, mass
        case priceUSD = "price_usd"
        case priceDate = "price_date"
        case memoryBandwidth = "memory_bandwidth"
        case battery = "battery_j"
        case accelerator
    }
}
