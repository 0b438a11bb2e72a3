import EdgeBenchCore
@testable import EdgeBenchReports
import Testing

/// The line beside every energy figure that says where the power came from.
@Suite struct PowerProvenanceTextTests {
    @Test func aMeterThatSamplesGivesItsSamplesAndRate() {
        let power = PowerProvenance(
            source: "ina3221", channel: "VDD_IN", boundary: .moduleInput, quantity: .power, isEstimate: false,
            isManual: false, samples: 412, effectiveRate: 9.96, idleSeconds: 10)
        #expect(power.provenanceText == "power: ina3221/VDD_IN (module_input), 412 samples at 10.0 Hz, idle baseline 10.0 s")
    }

    /// An import's (or a run's) manual watts are one figure: "1 samples at 0.0 Hz" read as a broken meter.
    @Test func aManualReadingSaysItIsOneConstant() {
        let power = PowerProvenance(
            source: "manual", channel: "manual", boundary: .wallAC, quantity: .power, isEstimate: true,
            isManual: true, samples: 1, effectiveRate: 0, idleSeconds: nil)
        #expect(power.provenanceText == "power: manual/manual (wall_ac, estimate, manual), one constant reading, no samples")
    }
}
