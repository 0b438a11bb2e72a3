import EdgeBenchCore
import Testing
@testable import EdgeBenchTelemetry

@Suite struct EnergyIntegrationTests {
    static func at(_ seconds: Double) -> Instant { Instant(nanoseconds: 5_000_000_000).adding(seconds: seconds) }

    // P: 2 W at 0 s, 4 W at 1 s, 4 W at 2 s, 2 W at 3 s (given out of order)
    static let power: [(Instant, Double)] = [(at(2), 4), (at(0), 2), (at(3), 2), (at(1), 4)]

    /// [0.5, 2.5]: P(0.5) = 3, P(2.5) = 3 → (3+4)/2·0.5 + (4+4)/2·1 + (4+3)/2·0.5 = 1.75 + 4 + 1.75 = 7.5 J
    @Test func interpolatesAtTheEdges() throws {
        let result = try #require(EnergyIntegration.trapezoid(samples: Self.power, from: Self.at(0.5), to: Self.at(2.5)))
        #expect(abs(result.joules - 7.5) < 1e-9)
        #expect(result.count == 2)
    }

    /// Window on sample instants: (2+4)/2 + (4+4)/2 + (4+2)/2 = 3 + 4 + 3 = 10 J, 4 samples.
    @Test func windowOnSampleInstants() throws {
        let result = try #require(EnergyIntegration.trapezoid(samples: Self.power, from: Self.at(0), to: Self.at(3)))
        #expect(abs(result.joules - 10) < 1e-9)
        #expect(result.count == 4)
    }

    /// Inside one gap: [1.25, 1.75] at a constant 4 W = 2 J, no sample inside.
    @Test func windowBetweenTwoSamples() throws {
        let result = try #require(EnergyIntegration.trapezoid(samples: Self.power, from: Self.at(1.25), to: Self.at(1.75)))
        #expect(abs(result.joules - 2) < 1e-9)
        #expect(result.count == 0)
    }

    @Test func refusesToExtrapolate() {
        #expect(EnergyIntegration.trapezoid(samples: Self.power, from: Self.at(-0.1), to: Self.at(1)) == nil)
        #expect(EnergyIntegration.trapezoid(samples: Self.power, from: Self.at(1), to: Self.at(3.1)) == nil)
        #expect(EnergyIntegration.trapezoid(samples: [], from: Self.at(0), to: Self.at(1)) == nil)
        #expect(EnergyIntegration.trapezoid(samples: Self.power, from: Self.at(2), to: Self.at(1)) == nil)
    }
}
