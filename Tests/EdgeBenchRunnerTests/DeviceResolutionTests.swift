import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchPlans
import EdgeBenchTelemetry
import Foundation
import Testing

@testable import EdgeBenchRunner

/// Each configuration's device: the engine's `device:` → a plan device over its catalog entry, or a
/// catalog id; an unknown id stops the plan before anything runs.
@Suite struct DeviceResolutionTests {
    static let pi = Device(
        id: "rpi5-8gb", name: "Raspberry Pi 5 (8 GB)",
        dimensions: Device.Dimensions(length: 0.085, width: 0.056, height: 0.017),
        price: Device.Price(usd: 222.75, date: "2025-12", note: "as benchmarked"), memoryBandwidth: 17.1e9,
        sources: ["dimensions": "https://example.com/pi5", "price": "https://example.com/price"],
        missing: ["mass": "no source gives it", "battery": "catalog boards carry none"])
    static let m5 = Device(
        id: "m5stack-module-llm", name: "M5Stack Module LLM",
        dimensions: Device.Dimensions(length: 0.054, width: 0.054, height: 0.013),
        price: Device.Price(usd: 99.9))
    static let catalog = DeviceCatalog(devices: [pi, m5])

    static let text = """
        engines:
          - {name: cpu, kind: managed, device: kit}
          - {name: ax, kind: stackflow, url: "tcp://m5.local:10001", device: m5stack-module-llm}
          - {name: local, kind: managed}
        models:
          - {name: qwen, file: smollm2-135m}
        workloads:
          - {name: short, prompt: Hi, max_tokens: 8}
        devices:
          kit:
            catalog: rpi5-8gb
            dimensions_mm: [120, 80, 40]
            mass_g: 350
            battery_wh: 50
        analysis: {lifetime_hours: 8760, duty_cycle: 0.5}
        """

    func plan(_ text: String = Self.text) throws -> Plan {
        try PlanLoader.parse(text, file: "plan.yaml", baseDirectory: nil)
    }

    @Test func planDeviceOverlaysItsCatalogEntry() throws {
        let runPlan = try RunPlan(try plan(), catalog: Self.catalog)
        let kit = try #require(runPlan.devices["cpu/qwen/short"])
        #expect(kit.id == "rpi5-8gb")
        #expect(kit.name == "Raspberry Pi 5 (8 GB)")
        #expect(kit.dimensions == Device.Dimensions(length: 0.12, width: 0.08, height: 0.04))
        #expect(kit.mass == 0.35)
        #expect(kit.battery == 180_000)
        // kept from the catalog, with the catalog's source
        #expect(kit.memoryBandwidth == 17.1e9)
        #expect(kit.price == Device.Price(usd: 222.75, date: "2025-12", note: "as benchmarked"))
        #expect(kit.sources == [
            "dimensions": "plan", "price": "https://example.com/price", "mass": "plan", "battery": "plan",
        ])
        #expect(kit.missing.isEmpty)
    }

    @Test func catalogIDAndLocalEngineWithoutDevice() throws {
        let runPlan = try RunPlan(try plan(), catalog: Self.catalog)
        #expect(runPlan.devices["ax/qwen/short"] == Self.m5)
        // no `device:` and no board detection yet: unknown, never guessed
        #expect(runPlan.devices["local/qwen/short"] == nil)
        #expect(runPlan.devices.count == 2)
        #expect(runPlan.analysis == AnalysisParameters(lifetimeHours: 8760, dutyCycle: 0.5))
    }

    /// A local engine without `device:` gets the board this machine is, as the catalog matcher says.
    @Test func localEngineGetsTheDetectedBoard() throws {
        let catalog = try DeviceCatalog.bundled()
        let board = BoardIdentity(deviceTreeModel: "Raspberry Pi 5 Model B Rev 1.0", memTotal: 8_245_328 * 1024)
        let devices = try RunPlan(try plan(), catalog: catalog, board: board).devices
        let local = try #require(devices["local/qwen/short"])
        #expect(local.id == "rpi5-8gb")
        #expect(local.notes["id"]?.hasPrefix("detected on the measuring machine (high confidence): ") == true)
        // a remote engine without `device:` is not the machine running EdgeBench
        #expect(devices["ax/qwen/short"]?.id == "m5stack-module-llm")
        // an engine with `device:` keeps it
        #expect(devices["cpu/qwen/short"]?.sources["mass"] == "plan")
        #expect(try plan().needsBoardDetection)
    }

    @Test func deviceOfThePlanAlone() throws {
        let text = Self.text.replacingOccurrences(
            of: "    catalog: rpi5-8gb\n", with: "    name: Rugged kit\n")
        let kit = try #require(try RunPlan(try plan(text), catalog: Self.catalog).devices["cpu/qwen/short"])
        #expect(kit.id == "kit")
        #expect(kit.name == "Rugged kit")
        #expect(kit.price == nil)
        #expect(kit.volume.map { ($0 * 1e6).rounded() } == 384)  // 12 × 8 × 4 cm = 384 cm³
    }

    @Test func unknownDeviceIDStopsThePlan() throws {
        let text = Self.text.replacingOccurrences(of: "device: m5stack-module-llm", with: "device: m5stack")
        #expect(throws: RunnerError.self) { try RunPlan(try plan(text), catalog: Self.catalog) }
        do {
            _ = try RunPlan(try plan(text), catalog: Self.catalog)
        } catch {
            #expect(
                "\(error)"
                    == "engine 'ax': unknown device 'm5stack'; known: plan devices: kit; catalog ids: rpi5-8gb, m5stack-module-llm (`edgebench devices list` prints the catalog)"
            )
        }
    }

    @Test func unknownCatalogIDOfAPlanDevice() throws {
        let text = Self.text.replacingOccurrences(of: "catalog: rpi5-8gb", with: "catalog: rpi5")
        do {
            _ = try RunPlan(try plan(text), catalog: Self.catalog)
            Issue.record("an unknown catalog id must fail")
        } catch {
            #expect(
                "\(error)"
                    == "device 'kit': unknown catalog id 'rpi5'; known: rpi5-8gb, m5stack-module-llm; or leave out 'catalog' and give the device's own 'name' and fields"
            )
        }
    }

    /// Plans cannot see Telemetry: its list of plug kinds must stay the telemetry layer's.
    @Test func planPlugKindsAreTelemetrysKinds() throws {
        #expect(PlanPowerSource.plugKinds == SmartPlugSource.Kind.allCases.map(\.rawValue))
        #expect(try PowerSourceSpec(.plug(kind: "shelly-rpc", url: "http://192.168.1.50")) == .plug(.shellyRPC, url: "http://192.168.1.50"))
        #expect(try PowerSourceSpec(.manual(watts: 5.2, boundary: .boardDC)) == .manual(watts: 5.2, boundary: .boardDC))
    }

    /// The resolved device and the plan's analysis parameters reach the stored results.
    @Test func runStoresDeviceAndAnalysis() async throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let configuration = RunnerFixtures.configuration(id: "down", url: RunnerFixtures.closedPort, repetitions: 1)
        let analysis = AnalysisParameters(lifetimeHours: 100, electricityPricePerKWh: 0.5, dutyCycle: 0.2)
        let runPlan = RunPlan(
            name: "t", text: "t", hash: FileDigest.sha256(of: "t"), configurations: [configuration],
            devices: ["down": Self.m5], analysis: analysis)
        let runner = BenchmarkRunner(options: RunOptions(outputRoot: output, idleSeconds: 0), reporter: SilentProgress())
        let outcome = try await runner.run(runPlan)
        #expect(outcome.bundle.configurations.map(\.status) == [.failed])
        #expect(outcome.bundle.configurations[0].device == Self.m5)
        #expect(outcome.bundle.analysis == analysis)
    }
}
