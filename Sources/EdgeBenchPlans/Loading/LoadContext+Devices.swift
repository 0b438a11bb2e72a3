import EdgeBenchCore
import Yams

extension LoadContext {
    static let deviceKeys = [
        "catalog", "name", "dimensions_mm", "mass_g", "price_usd", "price_date", "memory_bandwidth_gbps", "battery_wh",
        "accelerator",
    ]
    static let acceleratorKeys = ["name", "tops", "precision"]
    static let positive = Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude

    /// `devices:` — a mapping from the name engines use to a catalog entry's overrides or a new board.
    func readDevices(_ node: Node) -> [PlanDevice] {
        guard let mapping = node.mapping else {
            diagnostics.error(
                "'devices' must be a mapping from a device name to its fields, e.g. 'devices: {pi: {catalog: rpi5-8gb, battery_wh: 50}}', got \(node.describedValue)",
                at: node.mark)
            return []
        }
        var devices: [PlanDevice] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string, checkName(key, what: "device", at: keyNode.mark) else { continue }
            if let device = readDevice(value, key: key) { devices.append(device) }
        }
        return devices
    }

    func readDevice(_ node: Node, key: String) -> PlanDevice? {
        guard
            let fields = Fields(
                node, subject: "device '\(key)'", expected: "catalog, name, dimensions_mm, …", known: Self.deviceKeys,
                diagnostics: diagnostics)
        else { return nil }
        let catalog = fields.string("catalog")
        let name: String?
        if catalog == nil, !fields.has("catalog") {
            name = fields.string(
                "name", required: "a device that is not in the catalog needs its own name; or give 'catalog: <id>' to start from a catalog entry")
        } else {
            name = fields.string("name")
        }
        let dimensions = readDimensions(fields)
        let mass = fields.double("mass_g", in: Self.positive, expected: "a mass in grams > 0").map { $0 / 1000 }
        let price = fields.double("price_usd", in: Self.positive, expected: "a price in US dollars > 0")
        let priceDate = fields.string("price_date")
        // GB/s as datasheets give it (decimal gigabytes), to whole B/s (17.1 × 1e9 is not exact in binary)
        let bandwidth = fields.double(
            "memory_bandwidth_gbps", in: Self.positive, expected: "a memory bandwidth in GB/s > 0"
        ).map { ($0 * 1e9).rounded() }
        let battery = fields.double("battery_wh", in: Self.positive, expected: "a battery energy in Wh > 0").map { $0 * 3600 }
        let accelerator = fields.node("accelerator").flatMap { readAccelerator($0, device: key) }
        return PlanDevice(
            key: key, catalog: catalog, name: name, dimensions: dimensions, mass: mass, priceUSD: price,
            priceDate: priceDate, memoryBandwidth: bandwidth, battery: battery, accelerator: accelerator)
    }

    /// `dimensions_mm: [L, W, H]`, three lengths in mm, stored in m.
    func readDimensions(_ fields: Fields) -> Device.Dimensions? {
        guard let node = fields.node("dimensions_mm") else { return nil }
        let values = node.sequence.map { $0.compactMap { $0.scalar.flatMap { Double($0.string) } } } ?? []
        guard node.sequence?.count == 3, values.count == 3, values.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            diagnostics.error(
                "'dimensions_mm' must be three lengths in mm > 0, [length, width, height], e.g. [85, 56, 17], got \(node.describedValue)",
                at: node.mark)
            return nil
        }
        return Device.Dimensions(length: values[0] / 1000, width: values[1] / 1000, height: values[2] / 1000)
    }

    func readAccelerator(_ node: Node, device: String) -> Device.Accelerator? {
        guard
            let fields = Fields(
                node, subject: "the accelerator of device '\(device)'", expected: "name, tops, precision",
                known: Self.acceleratorKeys, diagnostics: diagnostics)
        else { return nil }
        let name = fields.string("name", required: "e.g. name: Hailo-10H")
        let tops = fields.double("tops", in: Self.positive, expected: "peak tera-operations per second > 0")
        let precision = fields.string("precision")
        guard let name else { return nil }
        return Device.Accelerator(name: name, peakOps: tops.map { $0 * 1e12 }, precision: precision)
    }
}
