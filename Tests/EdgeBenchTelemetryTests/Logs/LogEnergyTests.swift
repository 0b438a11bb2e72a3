import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchTelemetry

/// `edgebench energy` on real captures: the same trapezoids as a run, checked against a hand computation.
@Suite struct LogEnergyTests {
    static func log(_ format: TelemetryLogFormat, _ relative: String) throws -> TelemetryLog {
        try format.parse(try Fixtures.text(relative))
    }

    /// 114 lines at tegrastats' 1 s: Σ trapezoids of POM_5V_IN over lines 10…70 (computed by hand from the file).
    @Test func jetsonNanoLogWindow() throws {
        let log = try Self.log(.tegrastats, "tegrastats/tegrastats-jp4-nano-4gb.log")
        let window = try LogEnergy.compute(log, from: 10, to: 70)
        #expect(abs(window.energy - 266.0915) < 1e-6)
        #expect(abs(window.meanPower - 266.0915 / 60) < 1e-6)
        #expect(window.peakPower == 5.206)
        #expect(window.samples == 61)
        #expect(window.rail == "POM_5V_IN" && window.boundary == .moduleInput)
        let whole = try LogEnergy.compute(log, from: nil, to: nil)
        #expect(abs(whole.energy - 504.5215) < 1e-6)
        #expect(whole.window == [0, 113])
    }

    @Test func windowsOutsideTheLogAndSingleReadingsAreRefused() throws {
        let log = try Self.log(.tegrastats, "tegrastats/tegrastats-jp4-nano-4gb.log")
        #expect(throws: LogEnergy.Problem.outside(from: 100, to: 200, first: 0, last: 113)) {
            try LogEnergy.compute(log, from: 100, to: 200)
        }
        let pmic = try Self.log(.pmic, "rpi/vcgencmd-pmic_read_adc-rpi5-full.txt")
        #expect(throws: LogEnergy.Problem.noTimes(rail: "pmic_estimate")) { try LogEnergy.compute(pmic, from: nil, to: nil) }
        let rknpu = try Self.log(.rknpu, "rockchip/rknpu-load-rk3588-high.txt")
        #expect(throws: LogEnergy.Problem.noPower(format: "rknpu")) { try LogEnergy.compute(rknpu, from: nil, to: nil) }
    }
}
