import EdgeBenchCore
import EdgeBenchRunner
import EdgeBenchTelemetry
import Foundation
import Testing

/// The runner puts the effective power channel's timeline in the bundle: idle window first, then each
/// measured request's prefill and decode on the same clock as its latency metrics.
@Suite(.serialized)
struct PowerTimelineRunTests {
    /// Spans are rounded to 1 µs in the bundle; both ends of a difference may be off by half of that.
    static let tolerance = 2e-6

    @Test func aManualMeterGivesAFlatLineWithTheIdleWindowAndEachRequestsPhases() async throws {
        let result = try await EnergyTests.run(power: [.manual(watts: 5, boundary: .wallAC)], idle: 0.3)
        #expect(result.status == .completed, "\(result.error ?? "")")
        let power = try #require(result.power)
        #expect(power.isManual && power.boundary == .wallAC)
        let timeline = try #require(result.powerTimeline)
        #expect(timeline.origin == .idleStart)
        #expect(!timeline.points.isEmpty && timeline.points.allSatisfy { $0.watts == 5 })
        let idle = try #require(timeline.idle)
        #expect(idle.start == 0 && abs(idle.end - (power.idleSeconds ?? 0)) < Self.tolerance)
        #expect(timeline.requestsTotal == 3 && timeline.requests.count == 3)
        for (span, request) in zip(timeline.requests, result.requests) {
            let ttft = try #require(request.metrics[.ttft])
            let e2e = try #require(request.metrics[.e2eLatency])
            let first = try #require(span.firstToken)
            #expect(abs((first - span.start) - ttft) < Self.tolerance, "prefill \(span) vs ttft \(ttft)")
            #expect(abs((span.end - span.start) - e2e) < Self.tolerance, "request \(span) vs e2e \(e2e)")
        }
        // in order, after the idle window, each starting once the previous one ended
        #expect(timeline.requests[0].start >= idle.end)
        #expect(zip(timeline.requests, timeline.requests.dropFirst()).allSatisfy { $0.end <= $1.start })
        // the line covers the whole window: a reading before the idle start and one after the last request
        #expect(timeline.points.first.map { $0.time <= 0 } == true)
        #expect(timeline.points.last.map { $0.time >= timeline.requests[2].end } == true)
        #expect(timeline.samples >= timeline.points.count)
    }

    @Test func aMeterCommandIsItsOwnBoundaryAndNotManual() async throws {
        let command = "while true; do echo 7.5; sleep 0.005; done"
        let result = try await EnergyTests.run(power: [.command(command, boundary: .boardDC)], idle: 0)
        let power = try #require(result.power)
        #expect(power.boundary == .boardDC && !power.isManual)
        let timeline = try #require(result.powerTimeline)
        // no idle baseline: t = 0 is the first request's submission
        #expect(timeline.origin == .firstRequest && timeline.idle == nil)
        #expect(timeline.requests.first?.start == 0)
        #expect(timeline.points.allSatisfy { $0.watts == 7.5 })
    }

    @Test func withoutAPowerSourceThereIsNoTimeline() async throws {
        let result = try await EnergyTests.run(power: [], idle: 0.3)
        #expect(result.status == .completed, "\(result.error ?? "")")
        #expect(result.power == nil && result.powerTimeline == nil)
    }
}
