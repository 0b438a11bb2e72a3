import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct RaspberryPiSourceTests {
    private func fakeVcgencmd(in tree: FakeTree, throttled: String = "throttled=0x0", pmicStatus: Int = 0) throws -> String {
        try tree.fakeVcgencmd(throttled: throttled, pmicStatus: pmicStatus)
    }

    @Test func readsEstimateTemperatureAndClock() throws {
        let tree = try FakeTree()
        let source = RaspberryPiSource(executable: try fakeVcgencmd(in: tree))
        let readings = try source.read()
        #expect(readings.map(\.channel) == ["pmic_estimate", "soc", "arm", "throttled"])
        #expect(readings[0].quantity == .power)
        #expect(abs(readings[0].value - 2.873340) < 1e-6)
        #expect(readings[1] == Reading(channel: "soc", quantity: .temperature, value: 59.3))
        #expect(readings[2] == Reading(channel: "arm", quantity: .frequency, value: 2_400_023_808))
        #expect(readings[3] == Reading(channel: "throttled", quantity: .throttle, value: 0))
        #expect(source.description.isEstimate)
        #expect(source.description.boundary == .boardDC)
        let calls = try String(contentsOfFile: tree.path("/calls"), encoding: .utf8)
        #expect(calls == "pmic_read_adc\nmeasure_temp\nmeasure_clock arm\nget_throttled\n")
    }

    @Test func throttledIsSeparate() throws {
        let tree = try FakeTree()
        let source = RaspberryPiSource(executable: try fakeVcgencmd(in: tree, throttled: "throttled=0x50005"))
        let state = try source.throttled()
        #expect(state == [.underVoltage, .throttled, .underVoltageOccurred, .throttledOccurred])
        // Sampled as 1 while any "now" bit is set; "occurred since boot" alone is history, 0.
        #expect(try source.read().last == Reading(channel: "throttled", quantity: .throttle, value: 1))
        let otherTree = try FakeTree()
        let history = RaspberryPiSource(executable: try fakeVcgencmd(in: otherTree, throttled: "throttled=0x50000"))
        #expect(try history.read().last == Reading(channel: "throttled", quantity: .throttle, value: 0))
        withExtendedLifetime(otherTree) {}
    }

    /// A Pi 4's firmware has no pmic_read_adc: the other channels still come.
    @Test func failingPMICLeavesOtherChannels() throws {
        let tree = try FakeTree()
        let source = RaspberryPiSource(executable: try fakeVcgencmd(in: tree, pmicStatus: 1))
        #expect(try source.read().map(\.channel) == ["soc", "arm", "throttled"])
    }

    @Test func missingVcgencmdSaysSo() throws {
        let tree = try FakeTree()
        let path = tree.path("/usr/bin/vcgencmd")
        let source = RaspberryPiSource(executable: path)
        let error = try #require(throws: ExternalCommandError.self) { try source.read() }
        #expect(error == .notFound(executable: path, hint: RaspberryPiSource.installHint))
        #expect(error.description.hasPrefix("command not found: \(path)"))
        #expect(error.description.contains("raspi-utils"))
        #expect(throws: ExternalCommandError.self) { try source.throttled() }
    }
}
