import EdgeBenchCore
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import EdgeBenchReports

/// The chart-scale cases, on the charts and on the whole report: the log/linear choice, empty data, one
/// configuration, a hundred configurations, and missing energy. (Scale arithmetic itself is in ScaleTests.)
@Suite struct ChartScaleCasesTests {
    let power = ChartAxis(title: "Mean power", unit: "W")
    let rate = ChartAxis(title: "Throughput", unit: "tok/s")

    func report(_ configurations: [ConfigurationResult]) throws -> String {
        let bundle = HTMLFixture.bundle(configurations)
        return HTMLReport.render(bundles: [bundle], analysis: try HTMLFixture.analysis(bundle))
    }

    /// `<figure id="…">…</figure>` of the page, by id.
    func figures(_ page: String) -> [String: String] {
        var out: [String: String] = [:]
        for chunk in page.components(separatedBy: "<figure id=\"").dropFirst() {
            guard let id = chunk.split(separator: "\"").first, let end = chunk.range(of: "</figure>") else { continue }
            out[String(id)] = String(chunk[..<end.lowerBound])
        }
        return out
    }

    func caption(_ figure: String) -> String {
        guard let start = figure.range(of: "<figcaption>") else { return "" }
        return String(figure[start.upperBound...])
    }

    /// The figure's chart (charts never nest an `<svg>`).
    func svg(_ figure: String) -> String? {
        guard let start = figure.range(of: "<svg "), let end = figure.range(of: "</svg>") else { return nil }
        return String(figure[start.lowerBound..<end.upperBound])
    }

    func checkedPage(_ page: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(XMLParser(data: Data(page.utf8)).parse(), "not well-formed", sourceLocation: sourceLocation)
        #expect(!page.contains("NaN") && !page.contains("inf\"") && !page.contains("e-0"), sourceLocation: sourceLocation)
    }

    // MARK: log or linear

    @Test func bubbleAxesGoLogOnlyWhereValuesSpanTwoDecades() throws {
        // power 0.8 … 80 W: two decades, log; throughput 5 … 200 tok/s: 40×, linear
        let points = [(0.8, 5.0), (8.0, 60.0), (80.0, 200.0)].enumerated().map { index, value in
            BubblePoint(id: "\(index)", label: "c\(index)", group: "g", x: value.0, y: value.1)
        }
        let probe = try #require(XMLProbe.parse(BubbleChart(title: "B", points: points, xAxis: power, yAxis: rate).svg()))
        #expect(probe.texts.contains("Mean power (W), log scale"))
        #expect(probe.texts.contains("Throughput (tok/s)"))
        #expect(!probe.texts.contains("Throughput (tok/s), log scale"))
        // log axis: decade ticks 0.1, 1, 10, 100 are labelled
        for tick in ["0.1", "1", "10", "100"] { #expect(probe.texts.contains(tick), "tick \(tick)") }
    }

    @Test func boxPlotGoesLogAcrossDecadesAndOtherwiseStartsAtZero() throws {
        let ms = ChartAxis(title: "TTFT", unit: "ms")
        let wide = BoxPlot(title: "T", series: [BoxSeries(label: "npu", samples: [2, 3, 4]),
                                                BoxSeries(label: "cpu", samples: [300, 400, 500])], valueAxis: ms)
        #expect(XMLProbe.parse(wide.svg())?.texts.contains("TTFT (ms), log scale") == true)
        let narrow = BoxPlot(title: "T", series: [BoxSeries(label: "a", samples: [40, 45, 50])], valueAxis: ms)
        let probe = try #require(XMLProbe.parse(narrow.svg()))
        #expect(probe.texts.contains("TTFT (ms)") && probe.texts.contains("0"))
    }

    @Test func theFixtureReportStaysLinearWhereNothingSpansTwoDecades() throws {
        // throughput 5 … 200 (40×), power 0.8 … 16.4 W (20×): both below the two-decade rule
        let page = try report([HTMLFixture.cpu, HTMLFixture.hat, HTMLFixture.jetsonLlama, HTMLFixture.jetsonQwen])
        let bubble = try #require(figures(page)["chart-power-throughput"])
        #expect(bubble.contains(">Mean power (W)<") && bubble.contains(">End-to-end throughput (tok/s)<"))
        #expect(!bubble.contains("log scale"))
    }

    // MARK: empty data

    @Test func aReportWithNoConfigurationSaysSoInEveryFigure() throws {
        let page = try report([])
        checkedPage(page)
        let all = figures(page)
        #expect(all.count >= 8)
        for (id, figure) in all {
            // never a blank box: either a chart saying "No data" or a caption saying why there is none
            if figure.contains("<svg ") {
                #expect(figure.contains(">No data<") || figure.contains(">No data ("), "\(id) draws an empty chart silently")
            } else {
                #expect(caption(figure).count > 20, "\(id): no chart and no reason")
            }
        }
    }

    // MARK: one configuration

    @Test func oneConfigurationDrawsEveryChartWithoutDegenerateAxes() throws {
        let page = try report([HTMLFixture.jetsonLlama])
        checkedPage(page)
        let all = figures(page)
        let bubble = try #require(all["chart-power-throughput"])
        #expect(bubble.components(separatedBy: "<circle ").count - 1 >= 1)
        #expect(!bubble.contains(">No data<"))
        // one value gets a padded domain: 16.4 W sits inside the axis, not on a zero-width one
        #expect(bubble.contains("jetson-gpu/llama3.2/short (NVIDIA Jetson Orin Nano Super): Mean power 16.4 W"))
        let accelerator = try #require(all["chart-accelerator"])
        #expect(accelerator.contains("No CPU/accelerator pair was measured, so there is nothing to compare."))
        for id in ["chart-heatmap-e2e_throughput", "chart-ttft", "chart-itl", "chart-roofline"] {
            let figure = try #require(all[id], "\(id)")
            #expect(figure.contains("<svg ") && !figure.contains(">No data<"), "\(id)")
        }
    }

    // MARK: a hundred configurations

    @Test func aHundredConfigurationsKeepTheReportReadable() throws {
        // 100 configurations over the fixture's three boards: 5 engines × 10 models × 2 workloads
        let devices = [HTMLFixture.pi5, HTMLFixture.jetson, HTMLFixture.pi5Hat2]
        func id(_ index: Int) -> String { "engine\(index % 5)/model\(index / 5 % 10)/w\(index / 50)" }
        var configurations: [ConfigurationResult] = []
        for index in 0..<100 {
            let k = Double(index)
            let metrics: [MetricID: Double] = [
                .e2eThroughput: 5 + k, .ttft: 0.05 + k / 1000, .energyPerToken: 0.05 + k / 100,
                .meanPower: 1 + k / 10, .decodeRate: 6 + k,
            ]
            configurations.append(HTMLFixture.configuration(
                id(index), device: devices[index % 3], offloadFraction: 1, metrics: metrics))
        }
        let page = try report(configurations)
        checkedPage(page)
        #expect(page.utf8.count < 3_000_000, "\(page.utf8.count) bytes")
        let all = figures(page)
        let bubble = try #require(all["chart-power-throughput"])
        let chart = try #require(svg(bubble))
        let probe = try #require(XMLProbe.parse(chart))
        // the legend names the three boards and the front, nothing more
        for device in devices { #expect(probe.texts.contains(ChartText.truncated(device.name, maxCharacters: 28))) }
        #expect(probe.texts.contains("Pareto front"))
        // 100 bubbles; too many to label each, so every one carries its name in a hover title
        #expect(probe.elements.filter { $0 == "circle" }.count >= 100)
        for index in [0, 57, 99] {
            let name = id(index)
            #expect(probe.texts.contains { $0.hasPrefix(name + " (") }, "\(name)")
        }
        // every bubble inside the chart, below the legend (y 44)
        let height = 480.0
        let centres = probe.attributes.filter { $0["fill-opacity"] != nil }.compactMap { $0["cy"] }.compactMap(Double.init)
        #expect(centres.count == 100)
        #expect(centres.allSatisfy { $0 > 40 && $0 < height }, "\(centres.filter { $0 <= 40 || $0 >= height })")
        // the box plots slant their 100 labels rather than overprinting them
        let ttft = try #require(all["chart-ttft"])
        #expect(ttft.contains("rotate(-45"))
    }

    @Test func aHundredBoardsCapTheLegendSoThePlotKeepsItsRoom() throws {
        let points = (0..<100).map { index in
            BubblePoint(id: "c\(index)", label: "config-\(index)", group: "board number \(index)",
                        x: 1 + Double(index), y: 10 + Double(index))
        }
        let chart = BubbleChart(title: "B", points: points, xAxis: power, yAxis: rate, highlighted: ["c99"])
        let svg = chart.svg(width: 720, height: 480)
        let probe = try #require(XMLProbe.parse(svg))
        let named = probe.texts.filter { $0.hasPrefix("board number ") }
        #expect(named.count == BubbleChart.legendLimit - 1)
        #expect(probe.texts.contains("+89 more groups"))
        #expect(probe.texts.contains("Pareto front"))
        // the plot area keeps most of the chart: the y axis spans at least half its height
        let centres = probe.attributes.compactMap { $0["cy"] }.compactMap(Double.init).filter { $0 > 60 }
        let spread = (centres.max() ?? 0) - (centres.min() ?? 0)
        #expect(spread > 240, "bubbles spread over \(spread) px of 480")
    }

    // MARK: missing energy

    @Test func missingEnergyIsNamedInEveryEnergyFigure() throws {
        func withoutEnergy(_ configuration: ConfigurationResult) -> ConfigurationResult {
            var copy = configuration
            for metric in [MetricID.energyPerToken, .meanPower] { copy.summary[metric] = nil }
            return copy
        }
        let page = try report([HTMLFixture.cpu, HTMLFixture.hat, HTMLFixture.jetsonQwen].map(withoutEnergy))
        checkedPage(page)
        let all = figures(page)
        // the main figure: nothing to draw, and both the chart and its caption say which configurations lack power
        let bubble = try #require(all["chart-power-throughput"])
        #expect(bubble.contains(">No data (missing values: cpu/llama3.2/short, hailo/llama3.2/short, jetson-gpu/qwen2.5/short)<"))
        #expect(caption(bubble).contains(
            "Not drawn, no power measured: cpu/llama3.2/short, hailo/llama3.2/short, jetson-gpu/qwen2.5/short."))
        // the energy heatmap: every cell "–" on grey, none coloured as if it were a value
        let heatmap = try #require(all["chart-heatmap-energy_per_token"])
        #expect(heatmap.contains(": no value</title>"))
        #expect(!heatmap.contains("fill=\"#440154\"") && !heatmap.contains("fill=\"#FDE725\""))
        // three setups (rows) × two models (columns)
        #expect(heatmap.components(separatedBy: ">–</text>").count - 1 == 3 * 2)
        // the accelerator figure draws no zero-height bars: "No data", and the caption gives the reason
        let accelerator = try #require(all["chart-accelerator"])
        #expect(accelerator.contains(">No data</text>"))
        #expect(caption(accelerator).contains(
            "hailo/llama3.2/short vs cpu/llama3.2/short: n/a — no energy measured for CPU configuration cpu/llama3.2/short."))
    }
}
