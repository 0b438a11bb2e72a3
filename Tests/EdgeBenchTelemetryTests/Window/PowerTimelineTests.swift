import EdgeBenchCore
import Foundation
import Testing

@testable import EdgeBenchTelemetry

/// The bundle's power timeline built from a configuration's effective channel: one clock for the line,
/// the idle window and the request phases; bounded whatever the run's length.
@Suite struct PowerTimelineTests {
    static func at(_ seconds: Double) -> Instant { PowerSeriesTests.at(seconds) }

    static func windows(_ submit: Double, _ first: Double?, _ done: Double) -> RequestEnergy.Windows {
        RequestEnergy.Windows(submit: at(submit), first: first.map(at), last: first.map { _ in at(done - 0.01) }, done: at(done))
    }

    @Test func idleWindowAndPhasesShareTheLinesClock() throws {
        // 4 W idle, 9 W while requests run, sampled at 10 Hz from 0.9 s to 4.1 s; idle [1, 2], requests 2.2–3 and 3–4
        let trace = (9...41).map { i -> (Double, Double) in
            let t = Double(i) * 0.1
            return (t, t > 2.15 ? 9 : 4)
        }
        let series = try #require(PowerSeriesTests.series(trace))
        let timeline = try #require(PowerTimeline(
            series: series, idle: (Self.at(1), Self.at(2)),
            requests: [Self.windows(2.2, 2.35, 3.0), Self.windows(3.0, 3.1, 4.0)]))
        #expect(timeline.origin == .idleStart)
        #expect(timeline.idle == PowerTimeline.Interval(start: 0, end: 1))
        #expect(timeline.requests == [
            PowerTimeline.RequestSpan(start: 1.2, firstToken: 1.35, end: 2),
            PowerTimeline.RequestSpan(start: 2, firstToken: 2.1, end: 3),
        ])
        #expect(timeline.requestsTotal == 2)
        // readings from 1 s to 4 s, and the one on each side of that span
        #expect(timeline.points.first == PowerTimeline.Point(time: -0.1, watts: 4))
        #expect(timeline.points.last == PowerTimeline.Point(time: 3.1, watts: 9))
        #expect(timeline.points.count == 33 && timeline.samples == 33)
        #expect(timeline.points.filter { $0.time > 1.2 }.allSatisfy { $0.watts == 9 })
    }

    @Test func withoutIdleBaselineTimeStartsAtTheFirstRequest() throws {
        let series = try #require(PowerSeriesTests.series((0...30).map { (Double($0) * 0.1, 5) }))
        let timeline = try #require(PowerTimeline(series: series, idle: nil, requests: [Self.windows(1, nil, 2)]))
        #expect(timeline.origin == .firstRequest && timeline.idle == nil)
        #expect(timeline.requests == [PowerTimeline.RequestSpan(start: 0, firstToken: nil, end: 1)])
        #expect(PowerTimeline(series: series, idle: nil, requests: []) == nil)
        // a series that ends before the requests start has nothing to draw
        #expect(PowerTimeline(series: series, idle: nil, requests: [Self.windows(10, 10.5, 11)]) == nil)
    }

    @Test func aCounterBecomesPowerBetweenReadings() throws {
        // RAPL-like: 10 W, counter read every 0.2 s
        let counter = try #require(PowerSeriesTests.series(
            (0...10).map { (Double($0) * 0.2, Double($0) * 2) }, source: PowerSeriesTests.rapl, quantity: .energyCounter))
        let timeline = try #require(PowerTimeline(series: counter, idle: nil, requests: [Self.windows(0.5, 0.7, 1.5)]))
        #expect(!timeline.points.isEmpty)
        #expect(timeline.points.allSatisfy { abs($0.watts - 10) < 1e-9 })
        // each at the middle of its interval (0.1 s, 0.3 s, …); the first kept is the one before the request: 0.3 s
        #expect(timeline.points.first.map { abs($0.time - (-0.2)) < 1e-9 } == true)
    }

    @Test func aLongRunStaysBoundedAndKeepsItsPeak() throws {
        // 100,000 readings at 100 Hz with one spike; 5,000 requests back to back
        var trace: [(Double, Double)] = []
        for i in 0..<100_000 {
            let watts: Double = 5 + Double(i % 7) * 0.1
            trace.append((Double(i) * 0.01, watts))
        }
        trace[54_321].1 = 23.5
        let series = try #require(PowerSeriesTests.series(trace))
        let requests = (0..<5_000).map { i -> RequestEnergy.Windows in
            let start: Double = 0.5 + Double(i) * 0.19
            return Self.windows(start, start + 0.05, start + 0.18)
        }
        let timeline = try #require(PowerTimeline(series: series, idle: (Self.at(0.1), Self.at(0.4)), requests: requests))
        #expect(timeline.points.count <= PowerTimeline.maxPoints)
        #expect(timeline.points.map(\.watts).max() == 23.5)
        #expect(timeline.requests.count == PowerTimeline.maxRequests && timeline.requestsTotal == 5_000)
        #expect(zip(timeline.points, timeline.points.dropFirst()).allSatisfy { $0.time < $1.time })
        let json = try JSONEncoder().encode(timeline)
        #expect(json.count < 150_000, "\(json.count) bytes")
        #expect(try JSONDecoder().decode(PowerTimeline.self, from: json) == timeline)
    }
}
