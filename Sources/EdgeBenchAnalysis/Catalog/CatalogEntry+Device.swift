import Foundation
import EdgeBenchCore

extension CatalogEntry {
    /// GB of RAM are binary (2^30 B): boards are sold with 8 GiB and call it "8 GB".
    static let bytesPerRAMGigabyte = 1_073_741_824.0
    /// GB/s of bandwidth are decimal (1e9 B/s), as memory datasheets give them.
    static let bytesPerSecondPerGBps = 1e9

    /// The entry in SI units, after checking that each value is sane and has a source.
    func device(file: String, line: Int?) throws -> Device {
        func fail(_ field: String?, _ message: String) -> CatalogError {
            CatalogError(file: file, line: line, entry: id, field: field, message: message)
        }
        try checkID(fail)
        let sources = self.sources ?? [:]
        let missing = self.missing ?? [:]
        let notes = self.notes ?? [:]
        let present = presentFields
        for field in present.sorted() {
            guard let source = sources[field] else {
                throw fail(field, "has a value but no source: add 'sources: {\(field): <url>}', or remove the value and say why in 'missing'")
            }
            guard source.hasPrefix("https://") || source.hasPrefix("http://") else {
                throw fail(field, "its source '\(source)' is not a URL; give the page or datasheet the value comes from")
            }
            if missing[field] != nil {
                throw fail(field, "has a value and is also listed under 'missing'; keep one")
            }
        }
        for (label, map) in [("sources", sources), ("notes", notes), ("missing", missing)] {
            for field in map.keys.sorted() where Self.valueFields[field] == nil {
                throw fail("\(label).\(field)", "is not a value field; use one of \(Self.valueFields.keys.sorted().joined(separator: ", "))")
            }
        }
        for field in sources.keys.sorted() where !present.contains(field) {
            throw fail("sources.\(field)", "names a field this entry does not set; remove it or set the value")
        }
        for (field, reason) in missing where reason.trimmingCharacters(in: .whitespaces).isEmpty {
            throw fail("missing.\(field)", "needs a reason: say why no source gives this value")
        }

        let dimensions = try dimensionsMM.map { try Self.dimensions($0, field: "dimensions_mm", fail: fail) }
        let mass = try massG.map { try Self.positive($0, field: "mass_g", fail: fail) / 1000 }
        let memory = try memoryGB.map { try Self.positive($0, field: "memory_gb", fail: fail) * Self.bytesPerRAMGigabyte }
        let bandwidth = try memoryBandwidthGBps.map {
            try Self.positive($0, field: "memory_bandwidth_gbps", fail: fail) * Self.bytesPerSecondPerGBps
        }
        let battery = try batteryWh.map { try Self.positive($0, field: "battery_wh", fail: fail) * 3600 }
        if let cores, cores <= 0 { throw fail("cores", "must be a whole number > 0, got \(cores)") }
        let ratedPower = try ratedPowerW.map { try Self.powerRange($0, fail: fail) }
        let modes = try (powerModes ?? []).map { mode in
            if let watts = mode.watts { _ = try Self.positive(watts, field: "power_modes.\(mode.name)", fail: fail) }
            return Device.PowerMode(name: mode.name, watts: mode.watts)
        }
        let accelerator = try accelerator.map { accelerator in
            Device.Accelerator(
                name: accelerator.name,
                peakOps: try accelerator.tops.map { try Self.positive($0, field: "accelerator.tops", fail: fail) * 1e12 },
                precision: accelerator.precision)
        }
        let addon = try addon.map { addon in
            Device.AddOn(
                name: addon.name,
                dimensions: try addon.dimensionsMM.map { try Self.dimensions($0, field: "addon.dimensions_mm", fail: fail) },
                mass: try addon.massG.map { try Self.positive($0, field: "addon.mass_g", fail: fail) / 1000 },
                price: try addon.price.map { try Self.price($0, field: "addon.price", fail: fail) },
                memory: try addon.memoryGB.map { try Self.positive($0, field: "addon.memory_gb", fail: fail) * Self.bytesPerRAMGigabyte })
        }
        func keyed(_ map: [String: String]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: map.map { (Self.valueFields[$0.key] ?? $0.key, $0.value) })
        }
        return Device(
            id: id, name: name, base: base, dimensions: dimensions, mass: mass,
            price: try price.map { try Self.price($0, field: "price", fail: fail) },
            kitPrice: try kitPrice.map { try Self.price($0, field: "kit_price", fail: fail) }, cpu: cpu, cores: cores, memory: memory,
            memoryType: memoryType, memoryBandwidth: bandwidth, accelerator: accelerator, ratedPower: ratedPower,
            powerModes: modes, battery: battery, addon: addon, sources: keyed(sources), missing: keyed(missing),
            notes: keyed(notes))
    }

    func checkID(_ fail: (String?, String) -> CatalogError) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard !id.isEmpty, id.allSatisfy(allowed.contains), !id.hasPrefix("-"), !id.hasSuffix("-") else {
            throw fail("id", "'\(id)' must be lowercase letters, digits and hyphens, e.g. rpi5-8gb")
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("name", "must not be empty") }
    }

    static func positive(_ value: Double, field: String, fail: (String?, String) -> CatalogError) throws -> Double {
        guard value > 0, value.isFinite else { throw fail(field, "must be a number > 0, got \(value)") }
        return value
    }

    static func dimensions(_ values: [Double], field: String, fail: (String?, String) -> CatalogError) throws -> Device.Dimensions {
        guard values.count == 3, values.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw fail(field, "must be three lengths in mm > 0, [length, width, height], e.g. [85, 56, 17]; got \(values)")
        }
        return Device.Dimensions(length: values[0] / 1000, width: values[1] / 1000, height: values[2] / 1000)
    }

    static func powerRange(_ values: [Double], fail: (String?, String) -> CatalogError) throws -> Device.PowerRange {
        guard values.count == 2, values.allSatisfy({ $0 > 0 && $0.isFinite }), values[0] <= values[1] else {
            throw fail("rated_power_w", "must be [min, max] in W with 0 < min ≤ max, e.g. [7, 25]; got \(values)")
        }
        return Device.PowerRange(min: values[0], max: values[1])
    }

    static func price(_ price: Price, field: String, fail: (String?, String) -> CatalogError) throws -> Device.Price {
        Device.Price(usd: try positive(price.usd, field: field + ".usd", fail: fail), date: price.date, note: price.note)
    }
}
