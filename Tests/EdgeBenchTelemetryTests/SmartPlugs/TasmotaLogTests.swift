import EdgeBenchTesting
import EdgeBenchCore
import Testing
@testable import EdgeBenchTelemetry

@Suite struct TasmotaLogTests {
    /// Status 8 of a plug: Total 41.573 kWh = 149 662 800 J; Time 2020-06-29T22:22:24 = 1593469344.
    @Test func status8SinglePhase() throws {
        let log = try TasmotaLog.parse(try Fixtures.text("smartplugs-meters/tasmota-status8-single-phase-plug.json"))
        #expect(log.source == .init(format: "tasmota", boundary: .wallAC))
        let t = 1593469344.0
        expectReadings(log.readings, [
            LogReading(t: t, name: "ENERGY", quantity: .power, value: 2, unit: "W"),
            LogReading(t: t, name: "ENERGY", quantity: .voltage, value: 230, unit: "V"),
            LogReading(t: t, name: "ENERGY", quantity: .current, value: 0.094, unit: "A"),
            LogReading(t: t, name: "ENERGY", quantity: .energy, value: 149_662_800, unit: "J"),
        ])
        #expect(log.powerChannel == "ENERGY")
    }

    /// No NTP: 1970 time (17:54:20 = 64460 s); ANALOG and TempUnit next to ENERGY are ignored.
    @Test func status8WithoutTimeSyncAndAnalog() throws {
        let log = try TasmotaLog.parse(try Fixtures.text("smartplugs-meters/tasmota-status8-no-ntp-with-analog.json"))
        expectReadings(log.readings, [
            LogReading(t: 64460, name: "ENERGY", quantity: .power, value: 2, unit: "W"),
            LogReading(t: 64460, name: "ENERGY", quantity: .voltage, value: 225, unit: "V"),
            LogReading(t: 64460, name: "ENERGY", quantity: .current, value: 0.056, unit: "A"),
            LogReading(t: 64460, name: "ENERGY", quantity: .energy, value: 8_499_600, unit: "J"),
        ])
    }

    /// 2018 console log: two SENSOR lines 10 s apart (0.052 kWh = 187 200 J), the STATE line skipped.
    @Test func teleSensorConsoleLog() throws {
        let log = try TasmotaLog.parse(try Fixtures.text("smartplugs-meters/tasmota-tele-sensor-sonoff-pow-2018.txt"))
        #expect(log.readings.count == 8)
        #expect(Set(log.readings.compactMap(\.t)) == [1526954489, 1526954499])
        let energy = log.readings.filter { $0.quantity == .energy }
        #expect(energy.count == 2)
        #expect(energy.allSatisfy { abs($0.value - 187_200) < 1e-6 })
        #expect(log.readings.filter { $0.quantity == .voltage }.map(\.value) == [198, 198])
        #expect(log.readings.filter { $0.quantity == .power }.map(\.value) == [0, 0])
    }

    @Test func multiPhaseArrays() throws {
        let log = try TasmotaLog.parse("""
            {"StatusSNS":{"Time":"2024-01-01T00:00:00","ENERGY":{"Total":[1.5,2.0,0.25],"Power":[100,200,50],"Voltage":[230,231,229],"Current":[0.5,1.0,0.25]}}}
            """)
        #expect(log.readings.filter { $0.quantity == .power }.map(\.name) == ["ENERGY[0]", "ENERGY[1]", "ENERGY[2]"])
        #expect(log.readings.filter { $0.quantity == .energy }.map(\.value) == [5_400_000, 7_200_000, 900_000])
        #expect(log.powerChannel == nil)
        #expect(log.powerNote == "3 phases reported separately (ENERGY[0]…): no total in the reply")
    }

    @Test func noEnergyIsAnError() {
        #expect(throws: TelemetryLogError.self) { try TasmotaLog.parse(#"{"StatusSNS":{"Time":"2020-01-01T00:00:00"}}"#) }
        #expect(throws: TelemetryLogError.self) { try TasmotaLog.parse("12:00:00 RSL: tele/x/SENSOR = {broken") }
    }

    @Test func timeIsCivilUTC() {
        #expect(TasmotaLog.secondsSinceEpoch("1970-01-01T00:00:00") == 0)
        #expect(TasmotaLog.secondsSinceEpoch("2000-03-01T00:00:00") == 951_868_800)
        #expect(TasmotaLog.secondsSinceEpoch("yesterday") == nil)
    }
}
