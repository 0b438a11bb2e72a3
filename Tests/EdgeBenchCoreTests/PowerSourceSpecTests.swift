import EdgeBenchCore
import Foundation
import Testing

/// One power-source spec for plans, flags and run.json: checked once, written as a plan writes it.
@Suite struct PowerSourceSpecTests {
    @Test func plugKindsByNameAndAlias() {
        #expect(SmartPlugKind(named: "tasmota") == .tasmota)
        #expect(SmartPlugKind(named: "shelly-gen2") == .shellyRPC)
        #expect(SmartPlugKind(named: "shelly-pro") == .shellyRPC)
        #expect(SmartPlugKind(named: "toaster") == nil)
        #expect(SmartPlugKind.namesText == "shelly-gen1, shelly-rpc, tasmota")
    }

    @Test func theOneCheckOfAPlugURL() throws {
        #expect(try SmartPlugKind.shellyGen1.statusURL(baseURL: "http://192.168.1.50/").absoluteString == "http://192.168.1.50/status")
        #expect(try SmartPlugKind.tasmota.statusURL(baseURL: "https://plug").absoluteString == "https://plug/cm?cmnd=Status%208")
        #expect(throws: PowerSourceSpecError.badPlugURL("192.168.1.50")) {
            try PowerSourceSpec.plug(.tasmota, url: "192.168.1.50").validated()
        }
        #expect(throws: PowerSourceSpecError.badPlugURL("ftp://plug")) {
            try PowerSourceSpec.plug(.shellyRPC, url: "ftp://plug").validated()
        }
    }

    @Test func manualAndCommandAreChecked() throws {
        #expect(try PowerSourceSpec.manual(watts: 6.4, boundary: .boardDC).validated() == .manual(watts: 6.4, boundary: .boardDC))
        #expect(throws: PowerSourceSpecError.badWatts(0)) { try PowerSourceSpec.manual(watts: 0, boundary: .wallAC).validated() }
        #expect(throws: PowerSourceSpecError.notAPowerBoundary(.system)) {
            try PowerSourceSpec.command("meter", boundary: .system).validated()
        }
        #expect(throws: PowerSourceSpecError.emptyCommand) { try PowerSourceSpec.command("", boundary: .wallAC).validated() }
    }

    /// run.json keeps the spec as a plan's `power:` item says it, and reads it back equal.
    @Test func codableAsAPlanWritesIt() throws {
        let specs: [PowerSourceSpec] = [
            .manual(watts: 1.5, boundary: .boardDC), .command("my-meter --watts", boundary: .wallAC),
            .plug(.shellyRPC, url: "http://192.168.1.50"),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(specs), as: UTF8.self)
        #expect(text == #"[{"boundary":"board_dc","manual":1.5},{"boundary":"wall_ac","command":"my-meter --watts"},"#
            + #"{"plug":{"kind":"shelly-rpc","url":"http:\/\/192.168.1.50"}}]"#)
        #expect(try JSONDecoder().decode([PowerSourceSpec].self, from: Data(text.utf8)) == specs)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PowerSourceSpec.self, from: Data(#"{"boundary":"wall_ac"}"#.utf8))
        }
    }

    /// Numbers from plans and flags become durations to the nanosecond the decimal says.
    @Test func durationsRoundToTheNanosecond() {
        #expect(Duration.rounded(seconds: 0.1) == .milliseconds(100))
        #expect(Duration.rounded(seconds: 10) == .seconds(10))
        #expect(Duration.rounded(milliseconds: 250) == .milliseconds(250))
        #expect(Duration.rounded(milliseconds: 0.5) == .microseconds(500))
        #expect(Duration.period(hertz: 20) == .milliseconds(50))
        #expect(Duration.period(hertz: 3) == .nanoseconds(333_333_333))
        #expect(Duration.period(hertz: 0) == nil)
        #expect(Duration.rounded(seconds: .infinity) == nil)
        #expect(Duration.rounded(seconds: 1e12) == nil)
        #expect(Duration.milliseconds(2500).inSeconds == 2.5)
    }
}
