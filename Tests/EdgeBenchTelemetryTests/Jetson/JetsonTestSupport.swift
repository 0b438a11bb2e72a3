import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

/// Lookups into a parsed tegrastats log, so tests read as "the first VDD_IN", "GR3D load of line 3".
extension TelemetryLog {
    func values(_ name: String, _ quantity: LogReading.Kind) -> [Double] {
        readings.filter { $0.name == name && $0.quantity == quantity }.map(\.value)
    }

    func first(_ name: String, _ quantity: LogReading.Kind) -> Double? {
        values(name, quantity).first
    }

    /// Distinct timestamps in first-seen order: one per parsed line.
    var lineTimes: [Double] {
        var seen: Set<Double> = []
        return readings.compactMap(\.t).filter { seen.insert($0).inserted }
    }
}

func tegrastatsFixture(_ name: String) throws -> TelemetryLog {
    try TegrastatsLog.parse(try Fixtures.text("tegrastats/\(name)"))
}

/// Power values are compared to the milliwatt: the precision the sensors report.
func isMilliwatt(_ watts: Double?, _ expected: Double) -> Bool {
    guard let watts else { return false }
    return abs(watts - expected) < 0.0005
}

let mebibyte = 1_048_576.0
