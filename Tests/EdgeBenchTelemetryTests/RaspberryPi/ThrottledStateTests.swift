import EdgeBenchTesting
import Testing
@testable import EdgeBenchTelemetry

@Suite struct PMICThrottledAndRepliesTests {
    @Test func underVoltageAndThrottledNowAndSinceBoot() throws {
        let state = try ThrottledState.parse("throttled=0x50005\n")
        #expect(state.rawValue == 0x50005)
        #expect(state == [.underVoltage, .throttled, .underVoltageOccurred, .throttledOccurred])
        #expect(!state.contains(.armFrequencyCapped))
        #expect(!state.contains(.softTemperatureLimitOccurred))
        #expect(state.description
            == "0x50005: under-voltage now, throttled now, under-voltage has occurred since boot, throttling has occurred since boot")
    }

    @Test func everyBitHasItsMeaning() throws {
        #expect(try ThrottledState.parse("throttled=0x2").description == "0x2: arm frequency capped now")
        #expect(try ThrottledState.parse("throttled=0x8") == .softTemperatureLimit)
        #expect(try ThrottledState.parse("throttled=0x20000") == .armFrequencyCappedOccurred)
        #expect(try ThrottledState.parse("throttled=0x80000") == .softTemperatureLimitOccurred)
        #expect(try ThrottledState.parse("throttled=0xF000F").description.components(separatedBy: ", ").count == 8)
        #expect(ThrottledState(rawValue: 0x100000).description == "0x100000: unknown bits 0x100000")
    }

    /// Every rpi fixture with get_throttled reads 0x0, including the author's trailing comment and a
    /// script's `# ` prefix.
    @Test(arguments: [
        "rpi/vcgencmd-clock-temp-throttled-rpi3bplus.txt",
        "rpi/vcgencmd-misc-rpi5-geerling.txt",
        "rpi/vcgencmd-monitor-rpi5-stress-PREFIXED.txt",
        "rpi/vcgencmd-temp-throttled-clock-rpi5-idle.txt",
    ])
    func fixturesAreNotThrottled(fixture: String) throws {
        let state = try ThrottledState.parse(try Fixtures.text(fixture))
        #expect(state.isEmpty)
        #expect(state.description == "0x0: no throttling, capping or under-voltage since boot")
    }

    @Test func temperatures() throws {
        #expect(try VcgencmdReply.temperature("temp=48.3'C\n") == 48.3)
        #expect(try VcgencmdReply.temperature(try Fixtures.text("rpi/vcgencmd-clock-temp-throttled-rpi3bplus.txt")) == 62.3)
        #expect(try VcgencmdReply.temperature(try Fixtures.text("rpi/vcgencmd-misc-rpi5-geerling.txt")) == 39.5)
        #expect(try VcgencmdReply.temperature(try Fixtures.text("rpi/vcgencmd-monitor-rpi5-stress-PREFIXED.txt")) == 70.3)
        #expect(try VcgencmdReply.temperature(try Fixtures.text("rpi/vcgencmd-temp-throttled-clock-rpi5-idle.txt")) == 59.3)
        #expect(try VcgencmdReply.temperature(try Fixtures.text("rpi/vcgencmd-measure_clock-all-openelec-oldpi.txt")) == 49.4)
    }

    @Test func clocks() throws {
        #expect(try VcgencmdReply.frequency("frequency(48)=1500004352\n") == 1_500_004_352)
        #expect(try VcgencmdReply.frequency(try Fixtures.text("rpi/vcgencmd-temp-throttled-clock-rpi5-idle.txt")) == 2_400_023_808)
        #expect(try VcgencmdReply.frequency(try Fixtures.text("rpi/vcgencmd-monitor-rpi5-stress-PREFIXED.txt")) == 2_400_004_352)
        #expect(try VcgencmdReply.frequency(try Fixtures.text("rpi/vcgencmd-clock-temp-throttled-rpi3bplus.txt")) == 1_400_000_000)
        // first domain of the loop is arm: 600 MHz
        #expect(try VcgencmdReply.frequency(try Fixtures.text("rpi/vcgencmd-measure_clock-all-openelec-oldpi.txt")) == 600_000_000)
        // an idle v3d really is at 0 Hz
        #expect(try VcgencmdReply.frequency(try Fixtures.text("rpi/vcgencmd-measure_clock-v3d-rpi5-zero.txt")) == 0)
    }

    @Test func repliesWithoutTheKeyAreErrors() throws {
        let error = try #require(throws: TelemetryLogError.self) { try VcgencmdReply.temperature("error=1 error_msg=\"Command not registered\"") }
        #expect(error.format == "vcgencmd measure_temp")
        #expect(error.description.contains("temp=<degrees>'C"))
        #expect(throws: TelemetryLogError.self) { try VcgencmdReply.frequency("frequency(0)=fast") }
        #expect(throws: TelemetryLogError.self) { try ThrottledState.parse("throttled=0xZZ") }
    }
}
