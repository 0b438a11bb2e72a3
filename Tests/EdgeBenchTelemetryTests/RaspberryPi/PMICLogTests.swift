import EdgeBenchTesting
import EdgeBenchCore
import Testing
@testable import EdgeBenchTelemetry

@Suite struct PMICLogTests {
    private func value(_ log: TelemetryLog, _ name: String, _ kind: LogReading.Kind) -> Double? {
        log.readings.first { $0.name == name && $0.quantity == kind }?.value
    }

    /// jfikar/RPi5-power, under load: VDD_CORE 10.87674 A at 0.8974594 V = 9.761433 W;
    /// Σ over the 12 paired rails 10.799894 W → 1.1327 × 10.799894 + 0.6444 = 12.877440 W.
    @Test func fullDumpUnderLoad() throws {
        let log = try PMICLog.parse(try Fixtures.text("rpi/vcgencmd-pmic_read_adc-rpi5-full.txt"))
        #expect(log.source == .init(format: "pmic", boundary: .boardDC, estimate: true))
        #expect(log.powerChannel == "pmic_estimate")
        #expect(value(log, "VDD_CORE_A", .current) == 10.87674)
        #expect(value(log, "VDD_CORE_V", .voltage) == 0.8974594)
        #expect(abs(try #require(value(log, "VDD_CORE", .power)) - 9.761433) < 1e-6)
        #expect(abs(try #require(value(log, "pmic_estimate", .power)) - 12.877440) < 1e-6)
        // 12 currents + 14 voltages (EXT5V_V and BATT_V unpaired) + 12 rail powers + the estimate
        #expect(log.readings.count == 39)
        #expect(log.readings.filter { $0.quantity == .power }.count == 13)
        #expect(value(log, "EXT5V_V", .voltage) == 5.06788)
        #expect(value(log, "EXT5V", .power) == nil)
        #expect(value(log, "BATT_V", .voltage) == 3.011108)
        #expect(log.readings.allSatisfy { $0.t == nil })
        #expect(log.readings.first { $0.name == "3V3_SYS_A" }?.unit == "A")
    }

    /// HAOS idle: first line without indentation; Σ 1.967811 W → 2.873340 W.
    @Test func haosIdle() throws {
        let log = try PMICLog.parse(try Fixtures.text("rpi/vcgencmd-pmic_read_adc-rpi5-haos-idle.txt"))
        #expect(value(log, "3V7_WL_SW_A", .current) == 0.00195186)
        #expect(value(log, "3V7_WL_SW_V", .voltage) == 3.7072)
        #expect(value(log, "BATT_V", .voltage) == 0)
        #expect(abs(try #require(value(log, "pmic_estimate", .power)) - 2.873340) < 1e-6)
    }

    /// Second idle capture: VDD_CORE 1.4288 A × 0.9065925 V = 1.295339 W; Σ 2.947977 W → 3.983574 W.
    @Test func secondIdle() throws {
        let log = try PMICLog.parse(try Fixtures.text("rpi/vcgencmd-pmic_read_adc-rpi5-idle-2.txt"))
        #expect(abs(try #require(value(log, "VDD_CORE", .power)) - 1.295339) < 1e-6)
        #expect(abs(try #require(value(log, "pmic_estimate", .power)) - 3.983574) < 1e-6)
    }

    /// Cut after nine current lines: the currents are kept, but with no voltage there is no power and
    /// no estimate (the 0.6444 W offset alone would look like a reading).
    @Test func partialDumpHasCurrentsButNoEstimate() throws {
        let log = try PMICLog.parse(try Fixtures.text("rpi/vcgencmd-pmic_read_adc-rpi5-geerling-PARTIAL.txt"))
        #expect(log.readings.count == 9)
        #expect(log.readings.allSatisfy { $0.quantity == .current })
        #expect(value(log, "0V8_SYS_A", .current) == 0.2693567)
        #expect(value(log, "3V3_DAC_A", .current) == 0.6105)
        #expect(log.powerChannel == nil)
        #expect(log.source.estimate == false)
        #expect(log.powerNote?.contains("no power estimate") == true)
    }

    /// A loop capturing two dumps: each gets its own estimate.
    @Test func repeatedDumpsAreSeparate() throws {
        let text = """
            VDD_CORE_A current(7)=2.00000000A
            VDD_CORE_V volt(15)=0.50000000V
            VDD_CORE_A current(7)=4.00000000A
            VDD_CORE_V volt(15)=0.50000000V
            """
        let log = try PMICLog.parse(text)
        let estimates = log.readings.filter { $0.name == "pmic_estimate" }.map(\.value)
        #expect(estimates.count == 2)
        #expect(abs(estimates[0] - (1.1327 * 1 + 0.6444)) < 1e-9)
        #expect(abs(estimates[1] - (1.1327 * 2 + 0.6444)) < 1e-9)
    }

    /// Another command's output among the rails is skipped and counted (issue 13.11); only a capture
    /// with no rail at all fails, naming its first line.
    @Test func foreignLineIsSkippedUnlessNothingParses() throws {
        let text = " VDD_CORE_A current(7)=0.82156000A\ntemp=48.3'C\n"
        let log = try PMICLog.parse(text)
        #expect(log.readings.map(\.name) == ["VDD_CORE_A"])
        #expect(log.skippedLines == 1)
        let error = try #require(throws: TelemetryLogError.self) { try PMICLog.parse("temp=48.3'C\n") }
        #expect(error.line == 1)
        #expect(error.text == "temp=48.3'C")
        #expect(error.format == "pmic")
        #expect(error.expected.hasSuffix("no line of this file is one"))
    }
}
