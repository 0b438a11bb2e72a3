import Foundation
import Testing

@testable import EdgeBenchReports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Headless Chromium (the Debian package `chromium`) on `report.html`. The report ships no script, so the
/// probe lives in a test-only copy of the page: it is injected first thing in `<head>`, records every error
/// (script errors, failed loads, `console.error`, CSP violations), and after `load` writes what it saw and
/// the box of every chart into the DOM, which `--dump-dom` prints. The unmodified page is checked too: no
/// console message at all, and full-page screenshots land in `<repo>/artifacts/` for CI to keep. Headless windows
/// are at least 500 px wide, so the phone width (390 px) is an iframe of that width holding the page.
@Suite(.serialized) struct ReportBrowserTests {
    /// Figures of the four-configuration fixture that must draw a chart (the power timeline may or may not).
    static let charted = [
        "chart-power-throughput", "chart-accelerator", "chart-heatmap-e2e_throughput",
        "chart-heatmap-throughput_density", "chart-heatmap-energy_per_token", "chart-ttft", "chart-itl",
        "chart-roofline",
    ]

    struct Viewport: Sendable, CustomTestStringConvertible {
        let name: String
        let width: Int
        let screenshot: String
        var testDescription: String { "\(name), \(width) px" }
        static let desktop = Viewport(name: "desktop", width: 1280, screenshot: "report-screenshot.png")
        static let phone = Viewport(name: "phone", width: 390, screenshot: "report-screenshot-phone.png")
    }

    @Test(arguments: [Viewport.desktop, .phone])
    func rendersWithoutErrorsChartsHaveASizeAndAScreenshotIsSaved(_ viewport: Viewport) throws {
        let browser = try Chromium.locate()
        let report = try RenderedReport()
        defer { report.remove() }

        // 1. the probed copy: errors, chart boxes, page size
        let probe = try browser.probe(report, width: viewport.width)
        #expect(probe.errors == [], "the page reported errors in Chromium")
        #expect(probe.figures == report.figureIDs, "figures the browser laid out vs figures in the markup")
        #expect(probe.charts.count == report.chartCount, "one <svg> per drawn chart, all of them inside a <figure>")
        #expect(probe.charts.allSatisfy { $0.figure != nil }, "an <svg> outside any <figure>")
        for id in Self.charted {
            let boxes = probe.charts.filter { $0.figure == id }
            #expect(boxes.count == 1, "\(id): \(boxes.count) charts")
        }
        for chart in probe.charts {
            let name = chart.figure ?? "?"
            #expect(chart.width > 0 && chart.height > 0, "\(name): \(chart.width) × \(chart.height) px")
            // the figure is as wide as the text column, never wider than the window; on a phone the chart keeps
            // a readable width and scrolls sideways inside it
            #expect(chart.figureWidth > 0 && chart.figureWidth <= Double(viewport.width), "\(name): figure \(chart.figureWidth) px")
            #expect(chart.width >= min(chart.figureWidth, 560) - 1, "\(name): \(chart.width) px in a \(chart.figureWidth) px figure")
        }
        #expect(probe.raggedTables == [], "tables whose rows have different numbers of columns")
        // wide tables scroll inside their box; the page itself never scrolls sideways
        #expect(probe.scrollWidth <= viewport.width, "page is \(probe.scrollWidth) px wide in a \(viewport.width) px window")
        #expect(probe.scrollHeight > 1_000)

        // 2. the unmodified page, full height, as a CI artifact
        let height = min(probe.scrollHeight, 16_000)
        let shot = try browser.screenshot(report, width: viewport.width, height: height)
        let png = try PNGHeader(Data(contentsOf: shot))
        #expect(png.width == viewport.width && png.height == height, "\(png.width) × \(png.height) px")
        // a blank page of that size compresses to a few kilobytes
        #expect(png.bytes > 50_000, "\(png.bytes) bytes: is the page blank?")
        let artifact = try Self.artifacts().appendingPathComponent(viewport.screenshot)
        try? FileManager.default.removeItem(at: artifact)
        try FileManager.default.copyItem(at: shot, to: artifact)
    }

    @Test func unmodifiedPageLogsNothingToTheConsole() throws {
        let browser = try Chromium.locate()
        let report = try RenderedReport()
        defer { report.remove() }
        let run = try browser.run(
            ["--enable-logging=stderr", "--v=0", "--window-size=1280,4000", "--dump-dom", report.page.absoluteString],
            in: report.directory)
        // the page is dumped after load: proof it was opened at all
        #expect(run.stdout.contains("<figure id=\"chart-power-throughput\">"))
        // Chromium logs every console message of the page as `…:CONSOLE…] "message", source: URL (line)`
        let console = run.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("CONSOLE(") }
        #expect(console.isEmpty, "console messages:\n\(console.joined(separator: "\n"))")
    }

    /// `<repo>/artifacts/` (the repository is the first folder above this file with a Package.swift), made when missing.
    static func artifacts(filePath: String = #filePath) throws -> URL {
        var root = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path), root.path != "/" {
            root = root.deletingLastPathComponent()
        }
        let url = root.appendingPathComponent("artifacts")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
