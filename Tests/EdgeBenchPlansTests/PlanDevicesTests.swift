import EdgeBenchCore
import EdgeBenchPlans
import Foundation
import Testing

/// `devices:`, an engine's `device:`, `analysis:` and the power keys: values in SI units, and each
/// mistake reported where it is written.
@Suite("Plan devices, analysis and power")
struct PlanDevicesTests {
    static let base = """
        models:
          - {name: smollm2, file: smollm2-135m}
        workloads:
          - {name: short, prompt: Hi, max_tokens: 8}

        """

    func plan(_ text: String) throws -> Plan {
        try PlanLoader.parse(Self.base + text, file: "plan.yaml", baseDirectory: nil)
    }

    @Test func devicesAreReadInSIUnits() throws {
        let plan = try plan(
            """
            engines:
              - {name: pi, kind: managed, device: kit}
            devices:
              kit:
                catalog: rpi5-8gb
                dimensions_mm: [120, 80, 40]
                mass_g: 350
                price_usd: 260.5
                price_date: 2026-03
                battery_wh: 50
              box:
                name: Custom box
                memory_bandwidth_gbps: 17.1
                accelerator: {name: Hailo-10H, tops: 40, precision: INT4}
            """)
        #expect(plan.devices.count == 2)
        let kit = try #require(plan.device(key: "kit"))
        #expect(kit.catalog == "rpi5-8gb")
        #expect(kit.name == nil)
        #expect(kit.dimensions == Device.Dimensions(length: 0.12, width: 0.08, height: 0.04))
        #expect(kit.mass == 0.35)
        #expect(kit.priceUSD == 260.5)
        #expect(kit.priceDate == "2026-03")
        #expect(kit.battery == 180_000)  // 50 Wh × 3600 s/h
        let box = try #require(plan.device(key: "box"))
        #expect(box.catalog == nil)
        #expect(box.name == "Custom box")
        #expect(box.memoryBandwidth == 17.1e9)
        #expect(box.accelerator == Device.Accelerator(name: "Hailo-10H", peakOps: 40e12, precision: "INT4"))
        #expect(plan.engineDevices == ["pi": "kit"])
    }

    @Test func engineDeviceFollowsMatrixVariantsAndLlamaBenchSibling() throws {
        let plan = try plan(
            """
            engines:
              - {name: pi, kind: managed, device: rpi5-8gb, llama_bench: true}
              - {name: ax, kind: stackflow, url: "tcp://m5.local:10001"}
            matrix:
              threads: [2, 4]
            """)
        let references = plan.expand().map { ($0.id, plan.deviceReference(for: $0)) }
        #expect(references.map(\.0) == [
            "pi-t2/smollm2/short", "pi-t2.llama-bench/smollm2/short", "pi-t4/smollm2/short",
            "pi-t4.llama-bench/smollm2/short", "ax/smollm2/short",
        ])
        #expect(references.map(\.1) == ["rpi5-8gb", "rpi5-8gb", "rpi5-8gb", "rpi5-8gb", nil])
    }

    @Test func analysisParameters() throws {
        let plan = try plan(
            """
            engines:
              - {name: pi, kind: managed}
            analysis:
              lifetime_hours: 8760
              electricity_price_per_kwh: 0.3
              battery_wh: 99
              duty_cycle: 0.25
            """)
        #expect(plan.analysis == AnalysisParameters(
            lifetimeHours: 8760, electricityPricePerKWh: 0.3, battery: 356_400, dutyCycle: 0.25))
    }

    @Test func missingAnalysisKeepsDefaults() throws {
        let plan = try plan(
            """
            engines:
              - {name: pi, kind: managed}
            analysis: {duty_cycle: 1}
            """)
        #expect(plan.analysis == AnalysisParameters(lifetimeHours: 26_280, electricityPricePerKWh: 0.15, dutyCycle: 1))
        #expect(try self.plan("engines:\n  - {name: pi, kind: managed}\n").analysis == nil)
    }

    @Test func powerSourcesAndSettings() throws {
        let plan = try plan(
            """
            engines:
              - {name: pi, kind: managed}
            power:
              - {manual: 5.2, boundary: board_dc}
              - {plug: {kind: shelly-gen2, url: "http://192.168.1.50"}}
              - {command: "my-meter --watts"}
              - {manual: 3}
            idle_seconds: 5
            min_measured_seconds: 30
            sample_rate_hz: 20
            """)
        #expect(plan.power.sources == [
            .manual(watts: 5.2, boundary: .boardDC), .plug(.shellyRPC, url: "http://192.168.1.50"),
            .command("my-meter --watts", boundary: .wallAC), .manual(watts: 3, boundary: .wallAC),
        ])
        // Durations at the edge, exact: 20 Hz is 50 ms to the nanosecond.
        #expect(plan.power.idleBaseline == .seconds(5))
        #expect(plan.power.minMeasured == .seconds(30))
        #expect(plan.power.sampleInterval == .milliseconds(50))
    }

    /// Intervals become `Duration` where the plan is read, to the nanosecond the decimal says.
    @Test func intervalsAreExactDurations() throws {
        let plan = try plan(
            "engines:\n  - {name: pi, kind: managed}\nidle_seconds: 0.1\nmin_measured_seconds: 2.5\nsample_rate_hz: 3\n")
        #expect(plan.power.idleBaseline == .milliseconds(100))
        #expect(plan.power.minMeasured == .milliseconds(2500))
        #expect(plan.power.sampleInterval == .nanoseconds(333_333_333))
        let fast = try self.plan("engines:\n  - {name: pi, kind: managed}\nsample_rate_hz: 1000\n")
        #expect(fast.power.sampleInterval == .milliseconds(1))
        let slow = try self.plan("engines:\n  - {name: pi, kind: managed}\nsample_rate_hz: 0.1\n")
        #expect(slow.power.sampleInterval == .seconds(10))
    }

    /// Each board of a multi-board plan has its own meter: `power:` under an engine.
    @Test func enginePowerIsPerEngine() throws {
        let plan = try plan(
            """
            engines:
              - {name: m5, kind: stackflow, url: "tcp://m5.local:10001", power: [{manual: 1.5, boundary: board_dc}]}
              - {name: pi, kind: ollama, url: "http://pi.local:11434", power: [{plug: {kind: tasmota, url: "http://plug"}}]}
              - {name: jetson, kind: ollama, url: "http://jetson.local:11434"}
            power:
              - {manual: 9}
            """)
        #expect(plan.power.engines == [
            "m5": [.manual(watts: 1.5, boundary: .boardDC)],
            "pi": [.plug(.tasmota, url: "http://plug")],
        ])
        #expect(plan.power.sources == [.manual(watts: 9, boundary: .wallAC)])
        let text = Self.base + "engines:\n  - {name: m5, kind: stackflow, url: \"tcp://m5.local:10001\", power: {manual: 1.5}}\n"
        #expect(errors(text) == [
            "plan.yaml:6:69: error: 'power' of engine 'm5' must be a list of sources, e.g. power: [{manual: 6.4, boundary: wall_ac}]",
        ])
    }

    // MARK: - mistakes, each with its position (line 5 is the first line after `base`)

    static let mistakes: [(plan: String, error: String)] = [
        (
            "engines:\n  - {name: pi, kind: managed}\ndevices:\n  box: {mass_g: 20}\n",
            "plan.yaml:8:8: error: device 'box' needs 'name' (a device that is not in the catalog needs its own name; or give 'catalog: <id>' to start from a catalog entry)"
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\ndevices:\n  box: {catalog: rpi5-8gb, dimensions_mm: [85, 56]}\n",
            "plan.yaml:8:43: error: 'dimensions_mm' must be three lengths in mm > 0, [length, width, height], e.g. [85, 56, 17], got a list"
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\ndevices:\n  box: {catalog: rpi5-8gb, mass_gram: 20}\n",
            "plan.yaml:8:28: error: unknown key 'mass_gram' in device 'box'; did you mean 'mass_g'?"
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\ndevices:\n  box: {catalog: rpi5-8gb, price_usd: -3}\n",
            "plan.yaml:8:39: error: 'price_usd' must be a price in US dollars > 0, got \"-3\""
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\ndevices:\n  box: {name: Box, accelerator: {tops: 40}}\n",
            "plan.yaml:8:33: error: the accelerator of device 'box' needs 'name' (e.g. name: Hailo-10H)"
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\ndevices: [rpi5-8gb]\n",
            "plan.yaml:7:10: error: 'devices' must be a mapping from a device name to its fields, e.g. 'devices: {pi: {catalog: rpi5-8gb, battery_wh: 50}}', got a list"
        ),
        (
            "engines:\n  - {name: pi, kind: managed, device: [a, b]}\n",
            "plan.yaml:6:39: error: 'device' must be text, got a list"
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\nanalysis:\n  duty_cycle: 1.5\n",
            "plan.yaml:8:15: error: 'duty_cycle' must be the fraction of time spent generating, 0 < d ≤ 1, got \"1.5\""
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\nanalysis:\n  duty_cycle: 0\n",
            "plan.yaml:8:15: error: 'duty_cycle' must be the fraction of time spent generating, 0 < d ≤ 1, got \"0\""
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\nanalysis:\n  lifetime_hours: 0\n",
            "plan.yaml:8:19: error: 'lifetime_hours' must be a number of hours > 0, got \"0\""
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\nanalysis:\n  electricity_price_kwh: 0.2\n",
            "plan.yaml:8:3: error: unknown key 'electricity_price_kwh' in 'analysis'; did you mean 'electricity_price_per_kwh'?"
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\npower:\n  - {manual: 5, command: meter}\n",
            "plan.yaml:8:17: error: power source #1 gives 'manual' and 'command'; give one source per item (add another '- ' item for the next)"
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\npower:\n  - {boundary: wall_ac}\n",
            "plan.yaml:8:5: error: power source #1 needs one of 'manual' (watts read off a display), 'command' (a program printing watts) or 'plug' ({kind, url})"
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\npower:\n  - {manual: 0}\n",
            "plan.yaml:8:14: error: 'manual' must be a power in W > 0 read off the meter, got \"0\""
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\npower:\n  - {manual: 5, boundary: wall-ac}\n",
            "plan.yaml:8:27: error: 'boundary' must be one of wall_ac, board_dc, module_input, soc_rails, gpu_board, cpu_package, got \"wall-ac\"; did you mean 'wall_ac'?"
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\npower:\n  - {plug: {kind: shelly-rcp, url: \"http://p\"}}\n",
            "plan.yaml:8:19: error: 'kind' must be one of shelly-gen1, shelly-rpc, tasmota (Shelly Gen2/Gen3: shelly-rpc), got \"shelly-rcp\"; did you mean 'shelly-rpc'?"
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\npower:\n  - {plug: {kind: tasmota, url: \"http://p\"}, boundary: board_dc}\n",
            "plan.yaml:8:46: error: a smart plug measures at the wall (wall_ac, power supply included); remove 'boundary' or set it to wall_ac"
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\nsample_rate_hz: 0\n",
            "plan.yaml:7:17: error: 'sample_rate_hz' must be a rate in Hz between 0.1 and 1000, got \"0\""
        ),
        (
            "engines:\n  - {name: pi, kind: managed}\nidle_seconds: -1\n",
            "plan.yaml:7:15: error: 'idle_seconds' must be a number of seconds ≥ 0, got \"-1\""
        ),
    ]

    @Test(arguments: 0..<mistakes.count) func mistakeIsReportedWhereItIs(_ index: Int) {
        let found = errors(Self.base + Self.mistakes[index].plan)
        #expect(found.first == Self.mistakes[index].error, "\(found)")
    }
}
