import EdgeBenchTesting
import EdgeBenchCore
import Testing
@testable import EdgeBenchTelemetry

@Suite struct HwmonLogTests {
    @Test func xgeneCapture() throws {
        let log = try HwmonLog.parse(try Fixtures.text("powercap-hwmon/hwmon-apm_xgene-power-uW-arm-server-grep.txt"))
        #expect(log.source.format == "hwmon")
        #expect(log.source.boundary == .boardDC)
        #expect(log.readings == [
            LogReading(t: nil, name: "hwmon0/loc1", quantity: .temperature, value: 34, unit: "C"),
            LogReading(t: nil, name: "hwmon1/CPU power", quantity: .power, value: 7.178, unit: "W"),
            LogReading(t: nil, name: "hwmon1/IO power", quantity: .power, value: 12.141, unit: "W"),
            LogReading(t: nil, name: "hwmon1/SoC Temperature", quantity: .temperature, value: 32, unit: "C"),
        ])
        #expect(log.powerChannel == nil)
        #expect(log.powerNote == "2 power channels (hwmon1/CPU power, hwmon1/IO power): hwmon gives no whole-device figure")
    }

    @Test func nameLineAndVoltageCurrentPairs() throws {
        let log = try HwmonLog.parse("""
            /sys/class/hwmon/hwmon3/name:ina3221
            /sys/class/hwmon/hwmon3/in1_label:VDD_IN
            /sys/class/hwmon/hwmon3/in1_input:5080
            /sys/class/hwmon/hwmon3/curr1_input:1472
            /sys/class/hwmon/hwmon3/curr1_max:6000
            grep: /sys/class/hwmon/hwmon3/power: Is a directory
            """)
        #expect(log.readings.map(\.name) == ["ina3221/VDD_IN", "ina3221/curr1", "ina3221/VDD_IN"])
        #expect(log.readings.map(\.quantity) == [.voltage, .current, .power])
        #expect(abs(log.readings[2].value - 7.47776) < 1e-12)
        #expect(log.powerChannel == "ina3221/VDD_IN")
    }

    @Test func errorsNameTheLine() {
        #expect(throws: TelemetryLogError(format: "hwmon", line: 2, column: 38, text: "/sys/class/hwmon/hwmon1/power1_input:lots",
                                          expected: "an integer after power1_input:")) {
            try HwmonLog.parse("/sys/class/hwmon/hwmon1/name:x\n/sys/class/hwmon/hwmon1/power1_input:lots\n")
        }
        #expect(throws: TelemetryLogError.self) { try HwmonLog.parse("CPU power 7.1 W") }
    }
}
