import EdgeBenchCore
import EdgeBenchTelemetry
import EdgeBenchTesting
import Foundation
import Testing

/// What `telemetry parse` and `energy` print without --json, for a Jetson Nano's tegrastats log.
@Suite struct LogSummaryTextTests {
    static func log() throws -> TelemetryLog {
        try TelemetryLogFormat.tegrastats.parse(try Fixtures.text("tegrastats/tegrastats-jp4-nano-4gb.log"))
    }

    @Test func logSummaryHasTheBoundaryThePowerChannelAndALinePerChannel() throws {
        let lines = LogSummaryText.render(try Self.log()).split(separator: "\n").map(String.init)
        #expect(lines[0] == "tegrastats: boundary module_input")
        #expect(lines[1].hasPrefix("power channel: POM_5V_IN"), "\(lines[1])")
        let power = try #require(lines.first { $0.hasPrefix("  POM_5V_IN power: ") })
        #expect(power.hasPrefix("  POM_5V_IN power: n=114 min "), "\(power)")
        #expect(power.hasSuffix(" W"), "\(power)")
    }

    /// Large plain numbers print whole: the Nano's RAM read "min 9.81467e+08 B, mean 1.74663e+09 B", six
    /// digits of a byte count in an exponent; no line of the summary has one now.
    @Test func bytesAndHertzPrintWholeWithoutAnExponent() throws {
        let lines = LogSummaryText.render(try Self.log()).split(separator: "\n").map(String.init)
        #expect(!lines.contains { $0.contains("e+") }, "\(lines)")
        #expect(lines.contains("  RAM memory: n=114 min 981467136 B, mean 1746633279 B, max 1847590912 B"))
        #expect(lines.contains("  CPU0_FREQ frequency: n=114 min 102000000 Hz, mean 520236842 Hz, max 1479000000 Hz"))
    }

    /// The numbers of LogEnergyTests' hand computation, six significant digits.
    @Test func energyNamesTheWindowThePowersAndTheRail() throws {
        let result = try LogEnergy.compute(try Self.log(), from: 10, to: 70)
        let lines = LogSummaryText.render(result).split(separator: "\n").map(String.init)
        #expect(lines == [
            "energy: 266.091 J over [10, 70] s",
            "mean_power: 4.43486 W, peak_power: 5.206 W, 61 samples",
            "rail: POM_5V_IN (module_input)",
        ])
    }
}
