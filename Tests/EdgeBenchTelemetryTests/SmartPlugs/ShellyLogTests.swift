import EdgeBenchTesting
import EdgeBenchCore
import Testing
@testable import EdgeBenchTelemetry

@Suite struct ShellyLogTests {
    static let dir = "smartplugs-meters/"

    /// Gen1 1PM: total 6472513 watt-minutes × 60 = 388 350 780 J.
    @Test func gen1Shelly1PM() throws {
        let log = try ShellyLog.parse(try Fixtures.text(Self.dir + "shelly-gen1-status-shelly1pm.json"))
        #expect(log.source == .init(format: "shelly", boundary: .wallAC))
        expectReadings(log.readings, [
            LogReading(t: 1676134770, name: "meters[0]", quantity: .power, value: 4711.12, unit: "W"),
            LogReading(t: 1676134770, name: "meters[0]", quantity: .energy, value: 388_350_780, unit: "J"),
        ])
        #expect(log.powerChannel == "meters[0]")
    }

    @Test func gen1Shelly1WithoutTotalHasNoEnergy() throws {
        let log = try ShellyLog.parse(try Fixtures.text(Self.dir + "shelly-gen1-status-shelly1-no-total.json"))
        expectReadings(log.readings, [LogReading(t: 1676139913, name: "meters[0]", quantity: .power, value: 81.5, unit: "W")])
    }

    /// Shelly EM: emeters' totals are Wh (401472.9 Wh = 1 445 302 440 J); negative power kept as is.
    @Test func gen1ShellyEMEmeters() throws {
        let log = try ShellyLog.parse(try Fixtures.text(Self.dir + "shelly-gen1-status-shellyem-emeters.json"))
        let t = 1676110566.0
        expectReadings(log.readings, [
            LogReading(t: t, name: "emeters[0]", quantity: .power, value: -620.34, unit: "W"),
            LogReading(t: t, name: "emeters[0]", quantity: .voltage, value: 235.68, unit: "V"),
            LogReading(t: t, name: "emeters[0]", quantity: .energy, value: 1_445_302_440, unit: "J"),
            LogReading(t: t, name: "emeters[0] returned", quantity: .energy, value: 2_353_225_320, unit: "J"),
            LogReading(t: t, name: "emeters[1]", quantity: .power, value: 0, unit: "W"),
            LogReading(t: t, name: "emeters[1]", quantity: .voltage, value: 235.68, unit: "V"),
            LogReading(t: t, name: "emeters[1]", quantity: .energy, value: 624_280_680, unit: "J"),
            LogReading(t: t, name: "emeters[1] returned", quantity: .energy, value: 1_059_120, unit: "J"),
        ])
        #expect(log.powerChannel == nil)
        #expect(log.powerNote?.hasPrefix("2 metered channels (emeters[0], emeters[1])") == true)
    }

    /// Pro 1PM: aenergy.total 5.125 Wh = 18 450 J; the full status and the Switch.GetStatus body agree.
    @Test func gen2Pro1PMBothMethods() throws {
        let full = try ShellyLog.parse(try Fixtures.text(Self.dir + "shelly-gen2-Shelly.GetStatus-pro1pm.json"))
        let single = try ShellyLog.parse(try Fixtures.text(Self.dir + "shelly-gen2-Switch.GetStatus-pro1pm.json"))
        func expected(_ t: Double?) -> [LogReading] {
            [
                LogReading(t: t, name: "switch:0", quantity: .power, value: 47.11, unit: "W"),
                LogReading(t: t, name: "switch:0", quantity: .voltage, value: 232, unit: "V"),
                LogReading(t: t, name: "switch:0", quantity: .current, value: 0, unit: "A"),
                LogReading(t: t, name: "switch:0", quantity: .energy, value: 18_450, unit: "J"),
            ]
        }
        expectReadings(full.readings, expected(1675718522))
        expectReadings(single.readings, expected(nil))
        #expect(full.powerChannel == "switch:0" && single.powerChannel == "switch:0")
    }

    /// Plug S Gen3: 2574466.629 Wh = 9 268 079 864.4 J.
    @Test func gen3PlugS() throws {
        let log = try ShellyLog.parse(try Fixtures.text(Self.dir + "shelly-gen3-Switch.GetStatus-plug-s-gen3.json"))
        expectReadings(log.readings, [
            LogReading(t: nil, name: "switch:0", quantity: .power, value: 399.2, unit: "W"),
            LogReading(t: nil, name: "switch:0", quantity: .voltage, value: 240.8, unit: "V"),
            LogReading(t: nil, name: "switch:0", quantity: .current, value: 1.886, unit: "A"),
            LogReading(t: nil, name: "switch:0", quantity: .energy, value: 9_268_079_864.4, unit: "J"),
        ])
    }

    /// Pro 3EM monophase: three em1 channels, totals from em1data (3458.24 Wh = 12 449 664 J).
    @Test func pro3EMMonophase() throws {
        let log = try ShellyLog.parse(try Fixtures.text(Self.dir + "shelly-gen2-Shelly.GetStatus-pro3em-monophase.json"))
        let t = 1731404780.0
        func channel(_ id: Int, _ watts: Double, _ amps: Double) -> [LogReading] {
            [
                LogReading(t: t, name: "em1:\(id)", quantity: .power, value: watts, unit: "W"),
                LogReading(t: t, name: "em1:\(id)", quantity: .voltage, value: 242.8, unit: "V"),
                LogReading(t: t, name: "em1:\(id)", quantity: .current, value: amps, unit: "A"),
            ]
        }
        func totals(_ id: Int, _ joules: Double, _ returned: Double) -> [LogReading] {
            [
                LogReading(t: t, name: "em1:\(id)", quantity: .energy, value: joules, unit: "J"),
                LogReading(t: t, name: "em1:\(id) returned", quantity: .energy, value: returned, unit: "J"),
            ]
        }
        expectReadings(log.readings,
            channel(0, 598.9, 3.705) + channel(1, 0, 0.194) + channel(2, 0, 0.027)
            + totals(0, 12_449_664, 5_778_864) + totals(1, 9_967_212, 91_764) + totals(2, 11_124, 2_556))
        #expect(log.powerChannel == nil)
    }

    /// Triphase profile (field names from the Shelly EM/EMData docs; no capture in the fixtures).
    @Test func pro3EMTriphase() throws {
        let log = try ShellyLog.parse("""
            {"em:0":{"id":0,"a_current":1.0,"a_voltage":230.0,"a_act_power":200.0,"b_current":0.5,"b_voltage":231.0,\
            "b_act_power":100.0,"c_current":0.0,"c_voltage":229.0,"c_act_power":0.0,"total_current":1.5,"total_act_power":300.0},\
            "emdata:0":{"id":0,"a_total_act_energy":10.0,"b_total_act_energy":5.0,"c_total_act_energy":0.5,"total_act":15.5,"total_act_ret":0.0},\
            "sys":{"unixtime":1700000000}}
            """)
        let power = log.readings.filter { $0.quantity == .power }
        #expect(power.map(\.name) == ["em:0", "em:0 a", "em:0 b", "em:0 c"])
        #expect(power.map(\.value) == [300, 200, 100, 0])
        #expect(log.readings.first { $0.name == "em:0" && $0.quantity == .energy }?.value == 55_800)
        #expect(log.powerChannel == "em:0")
    }

    @Test func deviceInfoHasNoMeterAndSaysSo() throws {
        let text = try Fixtures.text(Self.dir + "shelly-gen2-Shelly.GetDeviceInfo-pro3em.json")
        #expect(throws: TelemetryLogError.self) { try ShellyLog.parse(text) }
        #expect(throws: TelemetryLogError.self) { try ShellyLog.parse("not json") }
    }

    /// A polling capture: one body per line.
    @Test func oneBodyPerLine() throws {
        let log = try ShellyLog.parse("""
            {"id":0,"apower":10.0,"aenergy":{"total":1.0}}
            {"id":0,"apower":12.5,"aenergy":{"total":1.5}}
            """)
        #expect(log.readings.filter { $0.quantity == .energy }.map(\.value) == [3600, 5400])
    }
}
