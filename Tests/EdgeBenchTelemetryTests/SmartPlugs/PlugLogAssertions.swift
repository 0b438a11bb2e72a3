import Testing
@testable import EdgeBenchTelemetry

/// Compares parsed readings with hand-checked ones: names, kinds, units and times exactly, values to 1e-6
/// relative (Wh × 3600 and kWh × 3.6e6 are not exact in binary).
func expectReadings(_ actual: [LogReading], _ expected: [LogReading], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.map(\.name) == expected.map(\.name), sourceLocation: sourceLocation)
    #expect(actual.map(\.quantity) == expected.map(\.quantity), sourceLocation: sourceLocation)
    #expect(actual.map(\.unit) == expected.map(\.unit), sourceLocation: sourceLocation)
    #expect(actual.map(\.t) == expected.map(\.t), sourceLocation: sourceLocation)
    guard actual.count == expected.count else { return }
    for (a, e) in zip(actual, expected) {
        #expect(abs(a.value - e.value) <= 1e-6 * max(1, abs(e.value)), "\(a.name) \(a.quantity): \(a.value) ≠ \(e.value)", sourceLocation: sourceLocation)
    }
}
