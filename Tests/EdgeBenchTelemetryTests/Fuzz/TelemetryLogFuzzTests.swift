import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

/// Every captured telemetry format (tegrastats, PMIC, nvidia-smi, rknpu, hwmon, Shelly, Tasmota), each of
/// its real captures mutated (issue 13.10): read, or refused with the line and what was expected. The
/// readings that are read are finite: a mutation never becomes a NaN or infinite watt.
@Suite struct TelemetryLogFuzzTests {
    @Test(arguments: TelemetryLogFormat.allCases)
    func mutatedCapturesAreReadOrRefusedByLine(format: TelemetryLogFormat) throws {
        let fixtures = CaptureNoiseTests.captures.filter { $0.format == format }.map(\.fixture)
        let inputs = try fixtures.map { Fuzz.Input(name: $0, bytes: try Fixtures.bytes($0)) }
        #expect(!inputs.isEmpty)
        var nonFinite: [String] = []
        let outcome = Fuzz.run(inputs, count: 2000 / inputs.count, seed: 13_10_7) { message, _ in
            !message.contains("Swift.") && !message.contains("NSCocoaErrorDomain")
                && (message.contains("line") || message.contains("empty") || message.contains(format.rawValue))
        } parse: { bytes, input in
            let log = try format.parse(String(decoding: bytes, as: UTF8.self))
            if let bad = log.readings.first(where: { !$0.value.isFinite }), nonFinite.count < 5 {
                nonFinite.append("\(input.name): \(bad)")
            }
        }
        #expect(outcome.total >= 1900)
        #expect(outcome.accepted > outcome.total / 10, "mutations that keep the capture readable are read")
        #expect(outcome.refused > 0, "mutations that break a line are refused")
        #expect(outcome.unclear == [])
        #expect(nonFinite == [])
    }
}
