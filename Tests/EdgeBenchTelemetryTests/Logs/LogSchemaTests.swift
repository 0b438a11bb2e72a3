import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchTelemetry

/// `telemetry parse --json` and `energy --json` print exactly the shapes documented in
/// `schema/telemetry-log.schema.json` and `schema/energy.schema.json`.
@Suite struct LogSchemaTests {
    static let captures: [(TelemetryLogFormat, String)] = [
        (.tegrastats, "tegrastats/tegrastats-jp4-nano-4gb.log"),
        (.tegrastats, "tegrastats/tegrastats-jp6-agx-orin-64gb.log"),
        (.tegrastats, "tegrastats/tegrastats-jp7.2-agx-orin.txt"),
        (.pmic, "rpi/vcgencmd-pmic_read_adc-rpi5-full.txt"),
        (.nvidiaSMI, "nvidia-smi/nvidia-smi-query-csv-datacenter-PARTIAL.txt"),
        (.rknpu, "rockchip/rknpu-load-rk3588-high.txt"),
        (.shelly, "smartplugs-meters/shelly-gen2-Switch.GetStatus-pro1pm.json"),
        (.tasmota, "smartplugs-meters/tasmota-status8-single-phase-plug.json"),
        (.hwmon, "powercap-hwmon/hwmon-apm_xgene-power-uW-arm-server-grep.txt"),
    ]

    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    @Test(arguments: captures)
    func parsedLogMatchesItsSchema(format: TelemetryLogFormat, fixture: String) throws {
        let log = try format.parse(try Fixtures.text(fixture))
        #expect(!log.readings.isEmpty)
        let outcome = try BundleSchemaValidator.validate(try Self.encode(log), schema: "telemetry-log")
        #expect(outcome.valid, "\(outcome.output)")
    }

    @Test func energyWindowMatchesItsSchema() throws {
        let log = try TelemetryLogFormat.tegrastats.parse(try Fixtures.text("tegrastats/tegrastats-jp4-nano-4gb.log"))
        let window = try LogEnergy.compute(log, from: 10, to: 70)
        let data = try Self.encode(window)
        let outcome = try BundleSchemaValidator.validate(data, schema: "energy")
        #expect(outcome.valid, "\(outcome.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["rail"] as? String == "POM_5V_IN")
        #expect(object["window"] as? [Double] == [10, 70])
    }

    /// The schema is strict: a reading in a unit the parsers never write is refused.
    @Test func schemaRefusesAnUnknownUnit() throws {
        let bad = Data(#"{"source": {"format": "x", "boundary": "wall_ac", "estimate": false}, "readings": [{"name": "P", "quantity": "power", "value": 5, "unit": "mW"}]}"#.utf8)
        let outcome = try BundleSchemaValidator.validate(bad, schema: "telemetry-log")
        #expect(!outcome.valid)
        #expect(outcome.output.contains("readings/0/unit"))
    }
}
