import EdgeBenchCore
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import EdgeBenchReports

/// report.html draws one power timeline per configuration that carries one, and says why for the others.
@Suite struct PowerTimelineReportTests {
    /// 0–10 s at 10 Hz: idle 3 W for 1 s, then three requests (prefill 0.3 s, decode 1.2 s) at 7 W.
    static let timeline = PowerTimeline(
        origin: .idleStart,
        points: (0...100).map { i in
            let t = Double(i) * 0.1
            return .init(time: t, watts: t >= 2 && t <= 7.5 ? 7 : 3)
        },
        samples: 101, idle: .init(start: 0, end: 1),
        requests: [2.0, 4.0, 6.0].map { .init(start: $0, firstToken: $0 + 0.3, end: $0 + 1.5) }, requestsTotal: 3)

    static func powered(_ configuration: ConfigurationResult, timeline: PowerTimeline?, manual: Bool = false) -> ConfigurationResult {
        var c = configuration
        c.power = PowerProvenance(
            source: manual ? "manual" : "rpi5-pmic", channel: manual ? "manual" : "pmic_estimate",
            boundary: manual ? .wallAC : .boardDC, quantity: .power, isEstimate: true, isManual: manual,
            samples: timeline?.samples ?? 0, effectiveRate: 10, idleSeconds: timeline?.idle.map { $0.end - $0.start },
            timeline: timeline)
        c.summary[.idlePower] = HTMLFixture.summary(3.1, .watts)
        return c
    }

    func page(_ configurations: [ConfigurationResult]) throws -> String {
        let bundle = HTMLFixture.bundle(configurations)
        return HTMLReport.render(bundles: [bundle], analysis: try HTMLFixture.analysis(bundle))
    }

    /// The SVG of the `index`-th timeline chart, parsed.
    func chart(_ page: String, _ index: Int) throws -> (svg: String, probe: XMLProbe, caption: String) {
        let start = try #require(page.range(of: "<figure class=\"timeline\" id=\"chart-power-timeline-\(index)\">"))
        let rest = page[start.upperBound...]
        let svgEnd = try #require(rest.range(of: "</svg>"))
        let svg = String(rest[..<svgEnd.upperBound])
        let captionEnd = try #require(rest.range(of: "</figcaption>"))
        let caption = String(rest[svgEnd.upperBound..<captionEnd.lowerBound])
        return (svg, try #require(XMLProbe.parse(svg)), caption)
    }

    func phaseRects(_ probe: XMLProbe) -> [[String: String]] {
        probe.attributes.filter { $0["fill-opacity"] == "0.18" }
    }

    @Test func drawsIdleBaselineAndShadedPhasesWithUnits() throws {
        let page = try page([
            Self.powered(HTMLFixture.cpu, timeline: Self.timeline),
            Self.powered(HTMLFixture.hat, timeline: nil), HTMLFixture.jetsonQwen,
        ])
        #expect(XMLParser(data: Data(page.utf8)).parse(), "the page is not well-formed")
        #expect(page.contains("<figure id=\"chart-power-timeline\">"))
        #expect(!page.contains("chart-power-timeline-1"), "only the configuration with a timeline gets a chart")
        let (_, probe, caption) = try chart(page, 0)
        // one idle window, three prefills and three decodes, far enough apart not to merge
        let rects = phaseRects(probe)
        #expect(rects.count == 7)
        #expect(rects.filter { $0["fill"] == "#999999" }.count == 1)
        #expect(probe.texts.contains("idle: 0 s – 1 s"))
        #expect(probe.texts.contains("prefill: 2 s – 2.3 s") && probe.texts.contains("decode: 2.3 s – 3.5 s"))
        // idle_power as the dashed baseline, axes with units, the boundary in the y title
        #expect(probe.attributes.contains { $0["stroke-dasharray"] == "6 4" })
        #expect(probe.texts.contains("idle 3.1 W"))
        #expect(probe.texts.contains("Time since idle baseline start (s)"))
        #expect(probe.texts.contains("Power, board_dc (W)"))
        #expect(probe.texts.contains("board_dc power: peak 7 W"))
        #expect(caption.contains("cpu/llama3.2/short: rpi5-pmic/pmic_estimate at board_dc, an estimate"))
        #expect(caption.contains("prefill/decode shaded for all 3 requests"))
        // the others say why, not blank
        #expect(page.contains("hailo/llama3.2/short: n/a — energy statistics but no power samples kept"))
        #expect(page.contains("jetson-gpu/qwen2.5/short: n/a — no power source was read"))
    }

    /// Issue 14: a manual meter's constant is said once in words, not drawn as identical flat lines.
    @Test func aManualMeterIsSaidInWordsNotDrawnFlat() throws {
        let flat = PowerTimeline(
            origin: .firstRequest, points: [.init(time: -0.01, watts: 5), .init(time: 2, watts: 5)], samples: 2,
            idle: nil, requests: [.init(start: 0, firstToken: 0.4, end: 1.9)], requestsTotal: 1)
        let page = try page([Self.powered(HTMLFixture.cpu, timeline: flat, manual: true)])
        #expect(!page.contains("id=\"chart-power-timeline-0\""))
        #expect(page.contains("No power timeline drawn. Manual meter (a constant read off a display, not a measurement over "
            + "time), so no timeline: 6 W at wall_ac for cpu/llama3.2/short."))
    }

    /// 100,000 requests: the bundle keeps 1,000 spans, the chart merges what a pixel cannot separate.
    @Test func aHundredThousandRequestRunStaysSmall() throws {
        let spans = (0..<PowerTimeline.maxRequests).map { i -> PowerTimeline.RequestSpan in
            let start = 1 + Double(i) * 0.2
            return .init(start: start, firstToken: start + 0.01, end: start + 0.2)
        }
        let long = PowerTimeline(
            origin: .idleStart,
            points: (0..<PowerTimeline.maxPoints).map { .init(time: Double($0) * 10, watts: 5 + Double($0 % 9)) },
            samples: 2_000_000, idle: .init(start: 0, end: 1), requests: spans, requestsTotal: 100_000)
        let big = HTMLFixture.configuration(
            "jetson-gpu/llama3.2/long", device: HTMLFixture.jetson, offloadFraction: 1,
            metrics: [.e2eThroughput: 190, .ttft: 0.07, .energyPerToken: 0.09, .meanPower: 17, .decodeRate: 200],
            requests: 100_000)
        let page = try page([HTMLFixture.cpu, Self.powered(big, timeline: long)])
        #expect(page.utf8.count < 5_000_000)
        #expect(XMLParser(data: Data(page.utf8)).parse())
        let (svg, probe, caption) = try chart(page, 0)
        #expect(phaseRects(probe).count <= 3, "1,000 back-to-back requests in 1 % of the axis merge")
        #expect(probe.texts.contains { $0.hasPrefix("decode: ") && $0.hasSuffix("(1000 intervals)") })
        #expect(svg.utf8.count < 150_000)
        #expect(caption.contains("prefill/decode shaded for the first 1000 of 100000 requests"))
    }

    /// The readings bracketing the window are interpolated at its edges, not drawn (they would stretch the axis).
    @Test func theLineIsClippedToTheWindow() {
        let points = [TimePoint(time: -0.5, value: 2), TimePoint(time: 0.5, value: 4), TimePoint(time: 1.5, value: 8)]
        #expect(HTMLReport.clip(points, from: 0, to: 1) == [
            TimePoint(time: 0, value: 3), TimePoint(time: 0.5, value: 4), TimePoint(time: 1, value: 6),
        ])
        #expect(HTMLReport.clip(points, from: 0, to: nil).first == TimePoint(time: 0, value: 3))
        // one segment across a short window (a 1 Hz meter, a 0.2 s request): both edges interpolated
        #expect(HTMLReport.clip(points, from: 0.6, to: 0.8).map(\.time) == [0.6, 0.8])
        #expect(HTMLReport.clip(points, from: 5, to: 6) == points)
    }
}
