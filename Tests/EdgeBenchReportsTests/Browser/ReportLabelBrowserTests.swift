import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchReports

/// The methodology's comparison: five configurations (Pi 5 CPU, Pi 5 + AI HAT+ 2, Jetson CPU, Jetson GPU,
/// M5Stack Module LLM) × two models, from the methodology test devices: the layout the paper prints.
enum FiveBoardFixture {
    static func configurations() -> [ConfigurationResult] {
        let boards: [(String, Device, Double, Double, Double, Double)] = [
            // engine, device, offload, tok/s, TTFT s, mean W
            ("pi5-cpu", TestDevices.pi5, 0, 6.4, 0.8, 6.1),
            ("pi5-hailo", TestDevices.pi5Hat2, 1, 8.0, 0.5, 4.2),
            ("jetson-cpu", TestDevices.jetson, 0, 5.1, 1.1, 9.8),
            ("jetson-gpu", TestDevices.jetson, 1, 38.5, 0.09, 14.6),
            ("m5stack", TestDevices.moduleLLM, 1, 3.44, 1.05, 1.5),
        ]
        return ["qwen2.5:1.5b", "llama3.2:1b"].enumerated().flatMap { modelIndex, model in
            boards.map { engine, device, offload, rate, ttft, watts in
                let speed = rate * (modelIndex == 0 ? 1 : 1.3)
                return HTMLFixture.configuration(
                    "\(engine)/\(model)/short", device: device, offloadFraction: offload,
                    metrics: [.e2eThroughput: speed, .ttft: ttft, .energyPerToken: watts / speed, .meanPower: watts,
                              .decodeRate: speed * 1.1],
                    runtime: engine == "m5stack" ? "StackFlow" : "Ollama")
            }
        }
    }

    static func bundle() -> ResultBundle { HTMLFixture.bundle(configurations()) }
}

/// Every chart text of the five-board, two-model report, measured in Chromium on the glyph boxes it laid out:
/// none leaves its chart, none covers another text of the same chart, at desktop and phone width.
@Suite(.serialized) struct ReportLabelBrowserTests {
    @Test(arguments: [ReportBrowserTests.Viewport.desktop, .phone])
    func noChartTextIsClippedOrOverlapsAnother(_ viewport: ReportBrowserTests.Viewport) throws {
        let browser = try Chromium.locate()
        let report = try RenderedReport(FiveBoardFixture.bundle())
        defer { report.remove() }
        let probe = try browser.probe(report, width: viewport.width)
        #expect(probe.errors == [])
        #expect(probe.clippedTexts == [], "texts outside their chart")
        #expect(probe.overlappingTexts == [], "texts covering one another")
        #expect(probe.raggedTables == [])
        #expect(probe.scrollWidth <= viewport.width, "page is \(probe.scrollWidth) px wide in a \(viewport.width) px window")
        // the results matrix fits a 1280 px window without scrolling sideways
        if viewport.width == 1280 {
            #expect(probe.matrixOverflow == 0, "the results matrix scrolls sideways by \(probe.matrixOverflow) px")
        }
    }
}
