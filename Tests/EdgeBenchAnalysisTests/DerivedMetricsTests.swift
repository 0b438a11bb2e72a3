import EdgeBenchCore
import Testing
@testable import EdgeBenchAnalysis

@Suite struct DerivedMetricsTests {
    typealias F = AnalysisFixtures

    @Test func throughputDensityOfTheModuleLLMIsThePapersFigure() {
        // 0.054 × 0.054 × 0.013 m = 3.7908e-5 m³; 3.44 tok/s ÷ 3.7908e-5 m³ = 90 746.0 tok/s/m³
        let c = F.configuration("stackflow/qwen2.5-0.5b/short", device: F.moduleLLM, metrics: [.e2eThroughput: 3.44])
        let d = DerivedMetrics.compute(for: c, parameters: AnalysisParameters())
        #expect(nearly(d[.volume].number, 3.7908e-5))
        #expect(d[.throughputDensity].number?.rounded() == 90_746)
        // 3.44 / 99.90 = 0.0344344… tok/s/$
        #expect(nearly(d[.throughputPerDollar].number, 3.44 / 99.90))
        #expect(d[.mass] == .notAvailable("no mass in catalog entry m5stack-module-llm (the vendor publishes none); set mass_g for m5stack-module-llm under the plan's devices:"))
        #expect(d[.throughputPerKg] == d[.mass])
    }

    @Test func energyPerTokenIsMeanPowerOverThroughputWhenNotMeasuredPerRequest() {
        // 1.5 W ÷ 3.44 tok/s = 0.436046… J/token
        let c = F.configuration(
            "stackflow/qwen2.5-0.5b/short", device: F.moduleLLM, metrics: [.e2eThroughput: 3.44, .meanPower: 1.5])
        let inputs = MeasuredInputs(c)
        #expect(nearly(inputs.energyPerToken.number, 1.5 / 3.44))
        #expect(
            inputs.energyPerTokenNote
                == "energy_per_token = mean_power / e2e_throughput (no per-request energy measured)")
        let analysed = ConfigurationAnalysis(c, derived: DerivedMetrics.compute(for: c, parameters: .init()))
        #expect(nearly(analysed.metrics["energy_per_token"], 0.436046511627907))
    }

    @Test func costPerMegatokenAddsAmortisedPriceAndElectricity() {
        // price $100 over 1000 h at 10 tok/s: 100 / (1000 × 3600 × 10) = 2.7778e-6 $/token
        // electricity: 2 J/token × 0.18 $/kWh ÷ 3.6e6 J/kWh = 1.0e-7 $/token
        // (2.7778e-6 + 1.0e-7) × 1e6 = 2.8778 $/Mtok
        let device = Device(id: "box", name: "Box", price: .init(usd: 100))
        let c = F.configuration("e/m/w", device: device, metrics: [.e2eThroughput: 10, .energyPerToken: 2])
        let d = DerivedMetrics.compute(
            for: c, parameters: AnalysisParameters(lifetimeHours: 1000, electricityPricePerKWh: 0.18))
        #expect(nearly(d[.costPerMtok].number, 100.0 / 36 + 0.1))
        #expect(nearly(d[.costPerMtok].number, 2.877_777_777_777_8, relative: 1e-12))
    }

    @Test func costPerMegatokenNeedsPriceAndEnergy() {
        let noPrice = F.configuration(
            "e/m/w", device: Device(id: "box", name: "Box"), metrics: [.e2eThroughput: 10, .energyPerToken: 2])
        #expect(
            DerivedMetrics.compute(for: noPrice, parameters: .init())[.costPerMtok]
                == .notAvailable("no board price in catalog entry box; set price_usd for box under the plan's devices:"))
        let noEnergy = F.configuration(
            "e/m/w", device: Device(id: "box", name: "Box", price: .init(usd: 100)), metrics: [.e2eThroughput: 10])
        #expect(
            DerivedMetrics.compute(for: noEnergy, parameters: .init())[.costPerMtok]
                == .notAvailable("no energy measured: no power source was read"))
    }

    @Test func batteryTokensAndHoursAtFullAndPartialDuty() {
        // 20 Wh = 72 000 J; 72 000 J ÷ 2 J/token = 36 000 tokens; 20 Wh ÷ 5 W = 4 h
        let c = F.configuration(
            "e/m/w", device: F.pi5, metrics: [.e2eThroughput: 2.5, .energyPerToken: 2, .meanPower: 5])
        let full = DerivedMetrics.compute(for: c, parameters: AnalysisParameters(battery: 72_000))
        #expect(nearly(full[.tokensPerBattery].number, 36_000))
        #expect(nearly(full[.batteryHours].number, 4))

        // duty 0.25 without an idle baseline cannot be answered
        let quarter = AnalysisParameters(battery: 72_000, dutyCycle: 0.25)
        #expect(
            DerivedMetrics.compute(for: c, parameters: quarter)[.batteryHours]
                == .notAvailable("duty cycle 0.25 needs idle_power, which was not measured"))

        // with idle 2 W: P = 0.25 × 5 + 0.75 × 2 = 2.75 W; 20 Wh ÷ 2.75 W = 7.2727 h
        let idle = F.configuration(
            "e/m/w", device: F.pi5, metrics: [.e2eThroughput: 2.5, .energyPerToken: 2, .meanPower: 5, .idlePower: 2])
        #expect(nearly(DerivedMetrics.compute(for: idle, parameters: quarter)[.batteryHours].number, 20 / 2.75))
    }

    @Test func aDevicesOwnBatteryWinsOverThePlans() {
        var kit = F.pi5
        kit.battery = 36_000  // 10 Wh
        let c = F.configuration("e/m/w", device: kit, metrics: [.energyPerToken: 2, .meanPower: 5])
        let d = DerivedMetrics.compute(for: c, parameters: AnalysisParameters(battery: 72_000))
        #expect(nearly(d[.tokensPerBattery].number, 18_000))
        #expect(nearly(d[.batteryHours].number, 2))
    }

    @Test func noBatteryIsNotAvailable() {
        let c = F.configuration("e/m/w", device: F.pi5, metrics: [.energyPerToken: 2, .meanPower: 5])
        let d = DerivedMetrics.compute(for: c, parameters: AnalysisParameters())
        #expect(d[.tokensPerBattery] == .notAvailable("no battery given (set battery_wh in the plan's analysis or device)"))
        #expect(d[.batteryHours] == d[.tokensPerBattery])
    }

    @Test func rooflineOfAOneGigabyteModelOnAPi5() {
        // 17.07e9 B/s ÷ 1.0e9 B per token = 17.07 tok/s; 8.535 ÷ 17.07 = 0.5
        let c = F.configuration(
            "llamacpp/llama-1b/short", device: F.pi5, metrics: [.serverDecodeRate: 8.535, .decodeRate: 6.828],
            modelBytes: 1_000_000_000)
        let d = DerivedMetrics.compute(for: c, parameters: .init())
        #expect(nearly(d[.decodeCeiling].number, 17.07))
        #expect(nearly(d[.rooflineEfficiency].number, 0.5))
        #expect(d.notes.isEmpty)
    }

    @Test func rooflineFallsBackToClientDecodeRateAndSaysSo() {
        // 6.828 ÷ 17.07 = 0.4
        let c = F.configuration(
            "llamacpp/llama-1b/short", device: F.pi5, metrics: [.decodeRate: 6.828], modelBytes: 1_000_000_000)
        let d = DerivedMetrics.compute(for: c, parameters: .init())
        #expect(nearly(d[.rooflineEfficiency].number, 0.4))
        #expect(d.notes == ["roofline_efficiency from decode_rate: the server reported no decode rate of its own"])
    }

    @Test func rooflineAboveOneIsExplained() {
        // 34.14 ÷ 17.07 = 2: twice what reading every weight once per token allows
        let c = F.configuration(
            "llamacpp/moe/short", device: F.pi5, metrics: [.serverDecodeRate: 34.14], modelBytes: 1_000_000_000)
        let d = DerivedMetrics.compute(for: c, parameters: .init())
        #expect(nearly(d[.rooflineEfficiency].number, 2))
        #expect(d.notes.count == 1)
        #expect(d.notes.first?.hasPrefix("roofline_efficiency above 1:") == true)
    }

    @Test func rooflineReasonsNameTheMissingInput() {
        let noBytes = F.configuration("llamacpp/llama-1b/short", device: F.pi5, metrics: [.decodeRate: 6.828])
        #expect(
            DerivedMetrics.compute(for: noBytes, parameters: .init())[.decodeCeiling]
                == .notAvailable("model size unknown: the engine did not report the bytes of llama-1b"))
        let noBandwidth = F.configuration(
            "stackflow/qwen/short", device: F.moduleLLM, metrics: [.decodeRate: 3.5], modelBytes: 500_000_000)
        let d = DerivedMetrics.compute(for: noBandwidth, parameters: .init())
        #expect(d[.decodeCeiling] == .notAvailable("no memory bandwidth in catalog entry m5stack-module-llm; set memory_bandwidth_gbps for m5stack-module-llm under the plan's devices:"))
        #expect(d[.rooflineEfficiency] == d[.decodeCeiling])
    }

    @Test func withoutADeviceEveryPhysicalMetricSaysSo() {
        let c = F.configuration("e/m/w", metrics: [.e2eThroughput: 10, .energyPerToken: 2])
        let d = DerivedMetrics.compute(for: c, parameters: .init())
        let reason = DerivedValue.notAvailable(
            "no device: the configuration names no catalog device (set device: in the plan, --device on a one-off run, "
                + "or --catalog-device on import)")
        for metric in [MetricID.volume, .mass, .price, .throughputDensity, .throughputPerKg, .costPerMtok, .decodeCeiling] {
            #expect(d[metric] == reason, "\(metric.rawValue)")
        }
    }

    @Test func everyDerivedMetricHasItsDictionaryUnit() {
        #expect(MetricID.throughputDensity.unit.rawValue == "tok/s/m³")
        #expect(MetricID.costPerMtok.unit.rawValue == "$/Mtok")
        #expect(MetricID.batteryHours.unit.rawValue == "h")
        #expect(MetricID.acceleratorGain.unit.rawValue == "×")
        #expect(MetricID.derived == [
            .volume, .mass, .price, .throughputDensity, .throughputPerKg, .throughputPerDollar, .costPerMtok,
            .tokensPerBattery, .batteryHours, .acceleratorGain, .decodeCeiling, .rooflineEfficiency,
        ])
        #expect(MetricID.volume.defaultDirection == .minimize)
        #expect(MetricID.rooflineEfficiency.defaultDirection == .maximize)
        // every metric has a dimension, so thresholds and printed values can be converted
        for metric in MetricID.allCases {
            #expect(MetricDimension.of(metric).storedUnit == metric.unit, "\(metric)")
        }
    }

    @Test func fromTheBundledCatalog() throws {
        let catalog = try DeviceCatalog.bundled()
        // Module LLM 54 × 54 × 13 mm at 3.44 tok/s → 90 746 tok/s/m³, as in the paper
        let module = F.configuration(
            "stackflow/qwen/short", device: catalog.device(id: "m5stack-module-llm"), metrics: [.e2eThroughput: 3.44])
        let m = DerivedMetrics.compute(for: module, parameters: .init())
        #expect(m[.throughputDensity].number?.rounded() == 90_746)
        #expect(m[.mass].reason?.hasPrefix("no mass in catalog entry m5stack-module-llm (") == true)
        // Pi 5 8 GB: LPDDR4X-4267 × 4 B = 17.07e9 B/s; a 1.0e9-byte model → 17.07 tok/s
        let pi = F.configuration(
            "llamacpp/m/short", device: catalog.device(id: "rpi5-8gb"), metrics: [.serverDecodeRate: 8.535],
            modelBytes: 1_000_000_000)
        let p = DerivedMetrics.compute(for: pi, parameters: .init())
        #expect(nearly(p[.decodeCeiling].number, 17.07, relative: 1e-6))
        #expect(nearly(p[.rooflineEfficiency].number, 0.5, relative: 1e-6))
    }
}
