import EdgeBenchCore
import Foundation
import Testing

@testable import EdgeBenchAnalysis

@Suite struct CatalogTests {
    let catalog: DeviceCatalog

    init() throws {
        catalog = try DeviceCatalog.bundled()
    }

    func device(_ id: String) throws -> Device {
        try #require(catalog.device(id: id), "no '\(id)' in the bundled catalog")
    }

    static let gib = 1_073_741_824.0

    // MARK: - the bundled catalog

    @Test func everyRequiredEntryLoadsWithUniqueIDs() {
        let ids = catalog.devices.map(\.id)
        #expect(ids == [
            "rpi5-4gb", "rpi5-8gb", "rpi5-16gb", "rpi5-8gb-ai-hat-plus-2", "rpi5-8gb-ai-hat-plus-hailo8l",
            "rpi5-8gb-ai-hat-plus-hailo8", "jetson-orin-nano-super", "jetson-orin-nx-8gb", "jetson-orin-nx-16gb",
            "jetson-agx-orin-32gb", "jetson-agx-orin-64gb", "m5stack-module-llm", "orangepi-5", "orangepi-5-plus",
            "radxa-rock-5b", "generic-x86",
        ])
        #expect(Set(ids).count == ids.count)
    }

    @Test func addOnsNameTheirBaseBoard() throws {
        let bases = Dictionary(uniqueKeysWithValues: catalog.devices.compactMap { d in d.base.map { (d.id, $0) } })
        #expect(bases == [
            "rpi5-8gb-ai-hat-plus-2": "rpi5-8gb", "rpi5-8gb-ai-hat-plus-hailo8l": "rpi5-8gb",
            "rpi5-8gb-ai-hat-plus-hailo8": "rpi5-8gb",
        ])
        // a Jetson's GPU is on the board: one entry, no base (offload pairs CPU and GPU configurations)
        #expect(try device("jetson-orin-nano-super").base == nil)
    }

    /// Every value present has a URL source, and every key field absent says why.
    @Test func everyValueHasASourceAndEveryGapAReason() {
        let reported = ["dimensions", "mass", "price", "cpu", "cores", "memory", "memory_bandwidth", "accelerator", "rated_power"]
        for device in catalog.devices {
            let present: [String: Bool] = [
                "dimensions": device.dimensions != nil, "mass": device.mass != nil, "price": device.price != nil,
                "cpu": device.cpu != nil, "cores": device.cores != nil, "memory": device.memory != nil,
                "memory_type": device.memoryType != nil, "memory_bandwidth": device.memoryBandwidth != nil,
                "accelerator": device.accelerator != nil, "rated_power": device.ratedPower != nil,
                "power_modes": !device.powerModes.isEmpty, "battery": device.battery != nil, "addon": device.addon != nil,
                "kit_price": device.kitPrice != nil,
            ]
            for (field, has) in present where has {
                let source = device.sources[field]
                #expect(source?.hasPrefix("https://") == true || source?.hasPrefix("http://") == true, "\(device.id).\(field) has no URL source")
                #expect(device.missing[field] == nil, "\(device.id).\(field) is both present and missing")
            }
            for field in reported where present[field] == false {
                #expect(device.missing[field]?.isEmpty == false, "\(device.id).\(field) is absent without a reason")
            }
            #expect(device.battery == nil, "catalog boards carry no battery")
        }
    }

    // MARK: - the issue's known values, exactly

    @Test func raspberryPi5EightGB() throws {
        let pi = try device("rpi5-8gb")
        #expect(pi.dimensions == Device.Dimensions(length: 0.085, width: 0.056, height: 0.017))
        // 85 × 56 × 17 mm = 80 920 mm³ = 8.092e-5 m³
        #expect(abs(try #require(pi.volume) - 8.092e-5) < 1e-12)
        // the board alone at launch, and the kit as the paper benchmarked it: two bases, both dated
        #expect(pi.price == Device.Price(usd: 80, date: "2023-09", note: "launch list price"))
        #expect(pi.kitPrice == Device.Price(usd: 222.75, date: "2026-04", note: "as benchmarked"))
        #expect(pi.memoryType == "LPDDR4X-4267")
        #expect(pi.memory == 8 * Self.gib)
        // 4267e6 transfers/s × 4 B (32-bit bus) = 17.068 GB/s, stored as 17.07 GB/s
        #expect(pi.memoryBandwidth == 17.07e9)
        #expect(pi.cores == 4)
        #expect(pi.accelerator == nil)
        #expect(pi.notes["memory_bandwidth"]?.contains("4267e6 transfers/s × 4 B = 17.07 GB/s") == true)
    }

    @Test func piWithAIHATPlus2() throws {
        let hat = try device("rpi5-8gb-ai-hat-plus-2")
        #expect(hat.base == "rpi5-8gb")
        #expect(hat.dimensions == Device.Dimensions(length: 0.085, width: 0.056, height: 0.020))
        #expect(hat.kitPrice?.usd == 451.83)
        #expect(hat.price == nil)
        #expect(hat.missing["price"]?.contains("$80 (rpi5-8gb)") == true)
        #expect(hat.accelerator == Device.Accelerator(name: "Hailo-10H", peakOps: 40e12, precision: "INT4"))
        #expect(hat.addon == Device.AddOn(
            name: "Raspberry Pi AI HAT+ 2", dimensions: Device.Dimensions(length: 56.7 / 1000, width: 65.1 / 1000, height: 5.5 / 1000),
            mass: 0.019, price: Device.Price(usd: 130, date: "2026-04", note: "list"), memory: 8 * Self.gib))
        #expect(hat.memoryBandwidth == nil)
        #expect(hat.sources["accelerator"] == "https://arxiv.org/abs/2604.24785")
    }

    @Test func aiHATPlusHailo8LAndHailo8() throws {
        #expect(try device("rpi5-8gb-ai-hat-plus-hailo8l").accelerator == Device.Accelerator(name: "Hailo-8L", peakOps: 13e12, precision: "INT8"))
        #expect(try device("rpi5-8gb-ai-hat-plus-hailo8").accelerator == Device.Accelerator(name: "Hailo-8", peakOps: 26e12, precision: "INT8"))
    }

    @Test func jetsonOrinNanoSuper() throws {
        let jetson = try device("jetson-orin-nano-super")
        #expect(jetson.dimensions == Device.Dimensions(length: 0.100, width: 0.079, height: 0.021))
        #expect(jetson.price == Device.Price(usd: 249, date: "2026-04", note: "list price of the developer kit"))
        #expect(jetson.kitPrice == Device.Price(usd: 304.78, date: "2026-04", note: "as benchmarked"))
        #expect(jetson.accelerator?.peakOps == 67e12)
        #expect(jetson.accelerator?.precision == "INT8")
        #expect(jetson.accelerator?.name == "NVIDIA Ampere GPU (1024 CUDA cores, 32 Tensor cores)")
        #expect(jetson.memory == 8 * Self.gib)
        #expect(jetson.memoryType == "LPDDR5")
        #expect(jetson.memoryBandwidth == 102e9)
        #expect(jetson.ratedPower == Device.PowerRange(min: 7, max: 25))
        #expect(jetson.powerModes == [
            Device.PowerMode(name: "7W", watts: 7), Device.PowerMode(name: "15W", watts: 15),
            Device.PowerMode(name: "25W", watts: 25), Device.PowerMode(name: "MAXN_SUPER", watts: nil),
        ])
    }

    @Test func m5StackModuleLLM() throws {
        let module = try device("m5stack-module-llm")
        #expect(module.dimensions == Device.Dimensions(length: 0.054, width: 0.054, height: 0.013))
        // 54 × 54 × 13 mm = 37 908 mm³
        #expect(abs(try #require(module.volume) - 3.7908e-5) < 1e-12)
        #expect(module.kitPrice?.usd == 99.90)
        #expect(module.price == nil)
        #expect(module.accelerator == Device.Accelerator(name: "AX630C NPU", peakOps: 3.2e12, precision: "INT8"))
    }

    @Test func genericX86IsAllReasons() throws {
        let x86 = try device("generic-x86")
        #expect(x86.sources.isEmpty)
        #expect(x86.missing.count == 10)
        #expect(x86.volume == nil)
    }

    // MARK: - conversion and validation of any catalog text

    static func entry(_ body: String, id: String = "test-board") -> String {
        "devices:\n  - id: \(id)\n    name: Test board\n" + body.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
    }

    @Test func convertsDatasheetUnitsToSI() throws {
        let yaml = Self.entry("""
            dimensions_mm: [100, 50, 10]
            mass_g: 19
            memory_gb: 8
            memory_bandwidth_gbps: 17.07
            battery_wh: 10
            accelerator: {name: NPU, tops: 3.2, precision: INT8}
            rated_power_w: [2, 5.5]
            sources: {dimensions_mm: https://a.example, mass_g: https://a.example, memory_gb: https://a.example, memory_bandwidth_gbps: https://a.example, battery_wh: https://a.example, accelerator: https://a.example, rated_power_w: https://a.example}
            notes: {memory_bandwidth_gbps: computed}
            missing: {price: "not sold"}
            """)
        let device = try #require(try DeviceCatalog(yaml: yaml, file: "test.yaml").device(id: "test-board"))
        #expect(device.dimensions == Device.Dimensions(length: 0.1, width: 0.05, height: 0.01))
        #expect(device.mass == 0.019)
        #expect(device.memory == 8_589_934_592)  // 8 × 2^30 B
        #expect(device.memoryBandwidth == 17.07e9)  // × 1e9 B/s
        #expect(device.battery == 36_000)  // 10 Wh × 3600 J/Wh
        #expect(device.accelerator?.peakOps == 3.2e12)
        #expect(device.ratedPower == Device.PowerRange(min: 2, max: 5.5))
        // keys follow the Device fields, as plans' overrides do
        #expect(device.sources["memory_bandwidth"] == "https://a.example")
        #expect(device.notes == ["memory_bandwidth": "computed"])
        #expect(device.missing == ["price": "not sold"])
    }

    @Test(arguments: [
        (entry("dimensions_mm: [85, 56]\nsources: {dimensions_mm: https://a.example}"),
         "test.yaml:2: entry 'test-board', field 'dimensions_mm': must be three lengths in mm > 0, [length, width, height], e.g. [85, 56, 17]; got [85.0, 56.0]"),
        (entry("dimensions_mm: [85, 0, 17]\nsources: {dimensions_mm: https://a.example}"),
         "test.yaml:2: entry 'test-board', field 'dimensions_mm': must be three lengths in mm > 0, [length, width, height], e.g. [85, 56, 17]; got [85.0, 0.0, 17.0]"),
        (entry("mass_g: 19"),
         "test.yaml:2: entry 'test-board', field 'mass_g': has a value but no source: add 'sources: {mass_g: <url>}', or remove the value and say why in 'missing'"),
        (entry("mass_g: 19\nsources: {mass_g: the paper}"),
         "test.yaml:2: entry 'test-board', field 'mass_g': its source 'the paper' is not a URL; give the page or datasheet the value comes from"),
        (entry("mass_g: 19\nsources: {mass_g: https://a.example}\nmissing: {mass_g: unknown}"),
         "test.yaml:2: entry 'test-board', field 'mass_g': has a value and is also listed under 'missing'; keep one"),
        (entry("base: no-such-board"),
         "test.yaml:2: entry 'test-board', field 'base': names 'no-such-board', which is not another entry of this catalog; give the id of the board the add-on sits on"),
        (entry("mass_grams: 19"),
         "test.yaml:4: entry 'test-board', field 'mass_grams': unknown field; known fields: accelerator, addon, base, battery_wh, cores, cpu, dimensions_mm, id, kit_price, mass_g, memory_bandwidth_gbps, memory_gb, memory_type, missing, name, notes, power_modes, price, rated_power_w, sources"),
        (entry("accelerator: {name: GPU (1024 cores, 32 Tensor cores), tops: 67}\nsources: {accelerator: https://a.example}"),
         "test.yaml:4: entry 'test-board', field 'accelerator.32 Tensor cores)': unknown field (known: name, precision, tops); quote a value that contains a comma"),
        (entry("mass_g: heavy\nsources: {mass_g: https://a.example}"), nil),
        (entry("sources: {cpu: https://a.example}"),
         "test.yaml:2: entry 'test-board', field 'sources.cpu': names a field this entry does not set; remove it or set the value"),
        (entry("", id: "RPi5_8GB"), "test.yaml:2: entry 'RPi5_8GB', field 'id': 'RPi5_8GB' must be lowercase letters, digits and hyphens, e.g. rpi5-8gb"),
    ] as [(String, String?)])
    func refusesAnInvalidEntry(yaml: String, message: String?) {
        #expect {
            _ = try DeviceCatalog(yaml: yaml, file: "test.yaml")
        } throws: { error in
            guard let error = error as? CatalogError else { return false }
            if let message { return error.description == message }
            // a type error names the file, the entry and the field
            return error.description.hasPrefix("test.yaml:2: entry 'test-board', field 'mass_g': expected a number")
        }
    }

    @Test func refusesDuplicateIDs() {
        let yaml = "devices:\n  - {id: a, name: A}\n  - {id: b, name: B}\n  - {id: a, name: A again}\n"
        #expect(throws: CatalogError(
            file: "x.yaml", line: 4, entry: "a", field: "id",
            message: "the id is already used by the entry at line 2; every id must be unique")
        ) {
            _ = try DeviceCatalog(yaml: yaml, file: "x.yaml")
        }
    }

    @Test func refusesAFileWithoutADevicesList() {
        #expect(throws: CatalogError(file: "x.yaml", message: "expected a top-level 'devices:' list of entries")) {
            _ = try DeviceCatalog(yaml: "boards: []\n", file: "x.yaml")
        }
    }

    /// Bundles written before `addon` and `notes` existed still decode.
    @Test func deviceDecodesWithoutTheNewerFields() throws {
        let json = #"{"id":"x","name":"X","powerModes":[],"sources":{},"missing":{}}"#
        let device = try JSONDecoder().decode(Device.self, from: Data(json.utf8))
        #expect(device == Device(id: "x", name: "X"))
        let roundTrip = try JSONDecoder().decode(Device.self, from: try JSONEncoder().encode(try self.device("rpi5-8gb-ai-hat-plus-2")))
        #expect(roundTrip == (try self.device("rpi5-8gb-ai-hat-plus-2")))
    }
}
