import EdgeBenchCore
import Testing
@testable import EdgeBenchTelemetry

/// One test per real capture in fixtures/tegrastats; figures checked by hand against the files.
@Suite struct JetsonTegrastatsLogFixtureTests {
    @Test func jetpack3or4TX2Sudo() throws {
        let log = try tegrastatsFixture("tegrastats-jp3or4-tx2-sudo.txt")
        #expect(log.source == .init(format: "tegrastats", boundary: .moduleInput))
        #expect(log.powerChannel == "VDD_IN")
        #expect(log.powerNote == nil)
        #expect(log.lineTimes == [0, 1])
        #expect(log.values("VDD_IN", .power) == [3.177, 3.177])
        #expect(log.first("VDD_DDR", .power) == 0.575)
        #expect(log.first("VDD_WIFI", .power) == 0)
        #expect(log.values("GR3D", .utilisation) == [53, 46])
        #expect(log.first("GR3D_FREQ", .frequency) == 140e6)
        #expect(log.first("EMC_FREQ", .frequency) == 665e6)
        #expect(log.values("CPU1", .utilisation) == [0, 10])
        #expect(log.first("CPU0_FREQ", .frequency) == 960e6)
        #expect(log.first("RAM", .memory) == 2586 * mebibyte)
        #expect(log.first("RAM_TOTAL", .memory) == 7846 * mebibyte)
        #expect(log.first("Tdiode", .temperature) == 37.75)
        #expect(log.first("APE", .frequency) == 150e6)
        // "MTS fg 0% bg 0%" is no unit's load
        #expect(!log.readings.contains { $0.name.hasPrefix("MTS") || $0.name == "fg" })
        #expect(log.readings.allSatisfy { ["W", "C", "%", "Hz", "B"].contains($0.unit) })
    }

    @Test func jetpack4NanoTrainingLog() throws {
        let log = try tegrastatsFixture("tegrastats-jp4-nano-4gb.log")
        #expect(log.powerChannel == "POM_5V_IN")
        #expect(log.source.boundary == .moduleInput)
        let input = log.values("POM_5V_IN", .power)
        #expect(input.count == 114)
        // current value, not the running average: line 2 is "POM_5V_IN 1537/1228"
        #expect(Array(input.prefix(3)) == [0.92, 1.537, 2.793])
        #expect(input.max() == 5.206)
        #expect(input.last == 1.613)
        #expect(log.lineTimes.count == 114)
        #expect(log.lineTimes.last == 113)
        #expect(log.values("GR3D", .utilisation)[2] == 42)
        #expect(log.first("GR3D_FREQ", .frequency) == 76e6)
        #expect(log.first("RAM", .memory) == 936 * mebibyte)
        #expect(log.first("SWAP_TOTAL", .memory) == 4096 * mebibyte)
        #expect(log.first("CPU", .temperature) == 27.5)
    }

    @Test func jetpack4NanoWithoutPowerRails() throws {
        let log = try tegrastatsFixture("tegrastats-jp4-nano-no-power-rails.txt")
        #expect(log.powerChannel == nil)
        #expect(log.source.boundary == .system)
        #expect(!log.readings.contains { $0.quantity == .power })
        #expect(log.lineTimes == [0])
        // "CPU [28%@921,19%@921,off,off]": the off cores have no reading at all
        #expect(log.first("CPU1", .utilisation) == 19)
        #expect(log.first("CPU1_FREQ", .frequency) == 921e6)
        #expect(log.values("CPU2", .utilisation).isEmpty)
        #expect(log.values("CPU3_FREQ", .frequency).isEmpty)
        // "EMC_FREQ 0%" (no clock without root)
        #expect(log.first("EMC", .utilisation) == 0)
        #expect(log.values("EMC_FREQ", .frequency).isEmpty)
        #expect(log.first("SWAP", .memory) == 440 * mebibyte)
        #expect(log.first("thermal", .temperature) == 41.75)
    }

    @Test func jetpack4XavierNX() throws {
        let log = try tegrastatsFixture("tegrastats-jp4-xavier-nx.txt")
        #expect(log.powerChannel == "VDD_IN")
        // "VDD_IN 6140/5510": 6.140 W now, 5.510 W average
        #expect(log.values("VDD_IN", .power) == [6.14])
        #expect(log.first("VDD_CPU_GPU_CV", .power) == 2.706)
        #expect(log.first("VDD_SOC", .power) == 1.074)
        #expect(log.first("GR3D_FREQ", .frequency) == 1109e6)
        #expect(log.first("CPU5", .utilisation) == 96)
        #expect(log.first("RAM", .memory) == 5246 * mebibyte)
        #expect(log.first("thermal", .temperature) == 31.35)
    }

    @Test func jetpack42NanoPartialWithNVDEC() throws {
        let log = try tegrastatsFixture("tegrastats-jp4.2-nano-nvdec-PARTIAL.txt")
        #expect(log.powerChannel == "POM_5V_IN")
        // the blank line between the two is skipped and does not count as an interval
        #expect(log.lineTimes == [0, 1])
        #expect(log.values("POM_5V_IN", .power) == [2.83, 3.353])
        // the cut "POM_5V_CPU 613/2" still has its current value
        #expect(log.values("POM_5V_CPU", .power) == [0.943, 0.613])
        #expect(log.values("NVDEC", .frequency) == [192e6])
        #expect(log.values("GR3D", .utilisation) == [0, 51])
        // IRAM is on-chip SRAM, not system memory
        #expect(!log.readings.contains { $0.name.hasPrefix("IRAM") })
        #expect(log.first("RAM", .memory) == 1446 * mebibyte)
    }

    @Test func jetpack461Nano() throws {
        let log = try tegrastatsFixture("tegrastats-jp4.6.1-nano.txt")
        #expect(log.powerChannel == "POM_5V_IN")
        #expect(log.values("POM_5V_IN", .power) == [1.75])
        #expect(log.first("POM_5V_GPU", .power) == 0)
        #expect(log.first("POM_5V_CPU", .power) == 0.366)
        #expect(log.first("RAM", .memory) == 1923 * mebibyte)
        #expect(log.first("PMIC", .temperature) == 50)
        #expect(log.lineTimes == [0])
    }

    @Test func jetpack512XavierNXWithTimestamp() throws {
        let log = try tegrastatsFixture("tegrastats-jp5.1.2-xavier-nx.txt")
        // "07-09-2024 13:31:31" = 2024-07-09T13:31:31 (read as UTC)
        #expect(log.lineTimes == [1_720_531_891])
        #expect(log.powerChannel == "VDD_IN")
        #expect(log.first("VDD_IN", .power) == 2.763)
        #expect(log.first("VDD_SOC", .power) == 0.65)
        // "GR3D_FREQ 0%@[114]": one clock in brackets
        #expect(log.first("GR3D", .utilisation) == 0)
        #expect(log.first("GR3D_FREQ", .frequency) == 114e6)
        #expect(log.first("VIC_FREQ", .frequency) == 115e6)
        #expect(log.first("CPU0_FREQ", .frequency) == 1397e6)
        #expect(log.first("GPU", .temperature) == 45.5)
        #expect(log.first("RAM", .memory) == 3168 * mebibyte)
    }

    @Test func jetpack6OrinNanoIdleWithoutSudo() throws {
        let log = try tegrastatsFixture("tegrastats-jp6-orin-nano-8gb-idle-nosudo.txt")
        #expect(log.lineTimes == [1_777_301_981, 1_777_301_982, 1_777_301_983])
        #expect(log.powerChannel == "VDD_IN")
        #expect(log.values("VDD_IN", .power) == [4.761, 4.761, 4.761])
        #expect(log.values("VDD_CPU_GPU_CV", .power) == [0.515, 0.515, 0.515])
        #expect(log.values("tj", .temperature) == [49.156, 49.218, 49.062])
        #expect(log.first("cpu", .temperature) == 48.468)
        #expect(log.first("GR3D", .utilisation) == 0)
        #expect(log.values("GR3D_FREQ", .frequency).isEmpty)
        #expect(log.values("EMC", .utilisation).isEmpty)
        #expect(log.first("RAM_TOTAL", .memory) == 7620 * mebibyte)
    }

    @Test func jetpack72AGXOrinThreeValueRails() throws {
        let log = try tegrastatsFixture("tegrastats-jp7.2-agx-orin.txt")
        #expect(log.lineTimes == [1_784_970_508])
        // "VDD_GPU_SOC 5139mW/5139mW/5139mW": first value is the current one
        #expect(log.first("VDD_GPU_SOC", .power) == 5.139)
        #expect(log.first("VIN_SYS_5V0", .power) == 5.5)
        // no VDD_IN on AGX Orin: the rails are summed, and the log says so
        #expect(log.powerChannel == TegrastatsLog.sumOfRailsChannel)
        #expect(log.source.boundary == .socRails)
        #expect(log.powerNote?.hasPrefix("sum of rails") == true)
        #expect(isMilliwatt(log.first("sum of rails", .power), 13.907))
        // "cpu@52.968C/52.968C"
        #expect(log.first("cpu", .temperature) == 52.968)
        #expect(log.first("gpu", .temperature) == 47.625)
        // "GR3D_FREQ 12%@[1300,1300]": one clock per GPC
        #expect(log.first("GR3D", .utilisation) == 12)
        #expect(log.first("GR3D_FREQ_GPC0", .frequency) == 1300e6)
        #expect(log.first("GR3D_FREQ_GPC1", .frequency) == 1300e6)
        #expect(log.first("EMC_FREQ", .frequency) == 3199e6)
        #expect(log.values("CPU11", .utilisation) == [27])
        #expect(log.first("RAM", .memory) == 20642 * mebibyte)
    }

    @Test func jetpack51XavierNXBurnLog() throws {
        let log = try tegrastatsFixture("tegrastats-jp5.1-xavier-nx-8gb-cpu-gpu-burn.log")
        let input = log.values("VDD_IN", .power)
        #expect(input.count == 103)
        #expect(input.first == 5.542)
        #expect(input.max() == 13.83)
        #expect(input.last == 13.751)
        #expect(log.lineTimes.first == 1_759_349_155)
        #expect(log.lineTimes.last == 1_759_349_260)
        // non-root: "GR3D_FREQ 99%" with no clock
        #expect(log.values("GR3D", .utilisation).filter { $0 == 99 }.count == 92)
        #expect(log.values("GR3D_FREQ", .frequency).isEmpty)
        #expect(log.values("CPU4", .utilisation).isEmpty)
        #expect(log.readings.last { $0.name == "RAM" }?.value == 5489 * mebibyte)
    }

    @Test func jetpack6AGXOrin64GB() throws {
        let log = try tegrastatsFixture("tegrastats-jp6-agx-orin-64gb.log")
        #expect(log.lineTimes.count == 15)
        #expect(log.lineTimes.first == 1_753_115_622)
        #expect(log.powerChannel == "sum of rails")
        #expect(log.source.boundary == .socRails)
        #expect(log.powerNote == "sum of rails: no input rail (VDD_IN or POM_5V_IN) in this log; rails summed per line: VDD_CPU_CV, VDD_GPU_SOC, VIN_SYS_5V0")
        let sums = log.values("sum of rails", .power)
        #expect(sums.count == 15)
        // 2798 + 799 + 3315 mW
        #expect(isMilliwatt(sums.first, 6.912))
        // last line: 2399 + 399 + 2813 mW
        #expect(isMilliwatt(sums.last, 5.611))
        #expect(log.first("GR3D", .utilisation) == 39)
        #expect(log.first("GR3D_FREQ_GPC0", .frequency) == 305e6)
        #expect(log.first("GR3D_FREQ_GPC1", .frequency) == 0)
        #expect(log.first("tj", .temperature) == 43.906)
        #expect(log.values("CPU8", .utilisation).isEmpty)
        #expect(log.first("RAM", .memory) == 17953 * mebibyte)
    }
}
