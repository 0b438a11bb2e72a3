import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import EdgeBenchReports

/// Collects what the charts' consumers rely on: well-formedness, element names and text.
final class XMLProbe: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var attributes: [[String: String]] = []
    var texts: [String] = []
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(name)
        self.attributes.append(attributes)
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if !current.isEmpty { texts.append(current) }
        current = ""
    }

    /// nil when the text is not well-formed XML.
    static func parse(_ svg: String) -> XMLProbe? {
        let probe = XMLProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        return parser.parse() ? probe : nil
    }
}

@Suite struct SVGChartTests {
    let power = ChartAxis(title: "Mean power", unit: "W")
    let rate = ChartAxis(title: "Throughput", unit: "tok/s")
    let energy = ChartAxis(title: "Energy per token", unit: "J/token")

    /// Well-formed, an accessible scalable root, and no number a renderer would drop.
    func checked(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLProbe? {
        let probe = XMLProbe.parse(svg)
        #expect(probe != nil, "not well-formed XML", sourceLocation: sourceLocation)
        #expect(!svg.contains("NaN") && !svg.lowercased().contains("inf") && !svg.contains("e-0"),
                sourceLocation: sourceLocation)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "), sourceLocation: sourceLocation)
        #expect(svg.contains("width=\"100%\"") && svg.contains("role=\"img\"") && svg.contains("aria-label="),
                sourceLocation: sourceLocation)
        return probe
    }

    func bubbles(_ count: Int) -> [BubblePoint] {
        (0..<count).map { index in
            BubblePoint(id: "c\(index)", label: "config-\(index)", group: "board-\(index % 3)",
                        x: 2 + Double(index), y: 10 + Double(index * 2), size: 0.0001 * Double(index + 1))
        }
    }

    @Test func escapingKeepsAwkwardLabelsWellFormed() {
        let element = SVGElement("text", [SVGAttribute("data-x", "a<b & \"c\" 'd'")], text: "a<b & \"c\"")
        #expect(element.rendered == "<text data-x=\"a&lt;b &amp; &quot;c&quot; &apos;d&apos;\">a&lt;b &amp; &quot;c&quot;</text>")
        let chart = BubbleChart(
            title: "a<b & \"c\"", points: [BubblePoint(id: "1", label: "a<b & \"c\"", group: "g's", x: 5, y: 10)],
            xAxis: power, yAxis: rate)
        let probe = checked(chart.svg(width: 600, height: 400))
        #expect(probe?.texts.contains("a<b & \"c\"") == true)
        #expect(probe?.attributes.first?["aria-label"] == "a<b & \"c\"")
    }

    @Test func bubbleChartDrawsFrontAndFootnotesMissingPoints() throws {
        var points = bubbles(4)
        points.append(BubblePoint(id: "nopower", label: "hailo-no-sensor", group: "board-0", x: nil, y: 20))
        let chart = BubbleChart(
            title: "Power vs throughput", points: points, xAxis: power, yAxis: rate,
            sizeAxis: ChartAxis(title: "Device volume", unit: "m³"), highlighted: ["c0", "c2", "c3"])
        let svg = chart.svg(width: 720, height: 480)
        let probe = try #require(checked(svg))
        #expect(probe.elements.filter { $0 == "circle" }.count >= 4)
        // the missing point is named, not drawn at x = 0
        #expect(probe.texts.contains { $0.hasPrefix("Not drawn") && $0.contains("hailo-no-sensor") })
        #expect(!probe.texts.contains { $0.hasPrefix("hailo-no-sensor (") })
        // highlighted bubbles: thick outline; the front line has three vertices (two H/V steps)
        #expect(probe.attributes.filter { $0["stroke-width"] == "3" }.count == 3)
        let path = try #require(probe.attributes.first { $0["stroke-dasharray"] == "5 3" }?["d"])
        #expect(path.components(separatedBy: "H").count == 3)
        #expect(probe.texts.contains("Mean power (W)") && probe.texts.contains("Throughput (tok/s)"))
        #expect(probe.texts.contains("Bubble area ∝ Device volume (m³)"))
        #expect(probe.texts.contains { $0.contains("config-3 (board-0): Mean power 5 W, Throughput 16 tok/s") })
        #expect(probe.texts.contains("config-1"))
    }

    @Test func bubbleAreaIsProportionalToSize() throws {
        let points = [
            BubblePoint(id: "a", label: "a", group: "g", x: 1, y: 1, size: 1),
            BubblePoint(id: "b", label: "b", group: "g", x: 2, y: 2, size: 4),
        ]
        let probe = try #require(checked(BubbleChart(title: "t", points: points, xAxis: power, yAxis: rate).svg()))
        let radii = probe.attributes.compactMap { $0["r"] }.compactMap(Double.init).filter { $0 > 6 }
        // four times the size → twice the radius
        #expect(radii.count == 2)
        #expect(abs(radii.max()! / radii.min()! - 2) < 0.02)
    }

    @Test func everyChartSaysNoDataWhenEmpty() {
        let outputs = [
            BubbleChart(title: "B", points: [], xAxis: power, yAxis: rate).svg(),
            BarChart(title: "B", series: ["CPU"], groups: [], valueAxis: energy).svg(),
            Heatmap(title: "H", rows: [], columns: [], values: [], valueAxis: rate).svg(),
            BoxPlot(title: "X", series: [], valueAxis: ChartAxis(title: "TTFT", unit: "s")).svg(),
            TimelineChart(title: "T", series: []).svg(),
            RooflineChart(title: "R", entries: []).svg(),
        ]
        for svg in outputs {
            let probe = checked(svg)
            #expect(probe?.texts.contains("No data") == true)
        }
        let allMissing = BubbleChart(title: "B", points: [BubblePoint(id: "x", label: "x", group: "g", x: nil, y: nil)],
                                     xAxis: power, yAxis: rate).svg()
        #expect(checked(allMissing)?.texts.contains("No data (missing values: x)") == true)
    }

    @Test func onePointChartsRenderWithoutNaN() {
        _ = checked(BubbleChart(title: "B", points: bubbles(1), xAxis: power, yAxis: rate).svg())
        _ = checked(BarChart(title: "B", series: ["CPU"], groups: [BarGroup(label: "pi5", values: [0.2])],
                             valueAxis: energy).svg())
        _ = checked(Heatmap(title: "H", rows: ["r"], columns: ["c"], values: [[3]], valueAxis: rate).svg())
        let box = checked(BoxPlot(title: "X", series: [BoxSeries(label: "one", samples: [0.25])],
                                  valueAxis: ChartAxis(title: "TTFT", unit: "s")).svg())
        #expect(box?.texts.contains("one (n=1)") == true)
        _ = checked(TimelineChart(title: "T", series: [TimelineSeries(name: "p", points: [TimePoint(time: 0, value: 4)])]).svg())
        _ = checked(RooflineChart(title: "R", entries: [RooflineEntry(label: "pi5", measured: 8, ceiling: 10)]).svg())
    }

    @Test func hundredConfigurationsKeepLabelsAndBoundedSize() throws {
        let labels = (0..<100).map { "board-\($0)/llama.cpp/qwen2.5-0.5b-q4" }
        let outputs: [(String, String)] = [
            ("bubble", BubbleChart(title: "B", points: bubbles(100), xAxis: power, yAxis: rate).svg()),
            ("bar", BarChart(title: "B", series: ["CPU", "NPU"],
                             groups: labels.enumerated().map { BarGroup(label: $1, values: [Double($0 + 1), 0.5]) },
                             valueAxis: energy).svg()),
            ("heatmap", Heatmap(title: "H", rows: labels, columns: ["m1", "m2", "m3"],
                                values: labels.indices.map { [Double($0), nil, 1] }, valueAxis: rate).svg(width: 720, height: 1800)),
            ("box", BoxPlot(title: "X", series: labels.map { BoxSeries(label: $0, samples: [1, 2, 3, 4, 50]) },
                            valueAxis: ChartAxis(title: "TTFT", unit: "s")).svg()),
            ("roofline", RooflineChart(title: "R", entries: labels.map { RooflineEntry(label: $0, measured: 5, ceiling: 20) }).svg()),
        ]
        for (name, svg) in outputs {
            let probe = try #require(checked(svg), "\(name)")
            #expect(svg.utf8.count < 400_000, "\(name): \(svg.utf8.count) bytes")
            // every configuration still appears, at least in a hover title
            #expect(probe.texts.contains { $0.contains("config-99") || $0.contains("board-99") }, "\(name)")
        }
    }

    @Test func barChartGoesLogAcrossDecadesAndMarksMissingBars() throws {
        let chart = BarChart(
            title: "Energy per token", series: ["CPU", "Accelerator"],
            groups: [BarGroup(label: "pi5", values: [2.5, nil]), BarGroup(label: "pi5+hailo", values: [2.4, 0.012])],
            valueAxis: energy)
        let probe = try #require(checked(chart.svg()))
        #expect(probe.texts.contains("Energy per token (J/token), log scale"))
        #expect(probe.texts.contains("–"))
        #expect(probe.texts.contains("pi5+hailo, Accelerator: 0.012 J/token"))
        #expect(probe.texts.contains("0.012") && probe.texts.contains("2.5"))
        #expect(probe.elements.filter { $0 == "rect" }.count == 3 + 2)  // three bars + two legend swatches
    }

    @Test func heatmapShowsMissingCellsAsDash() throws {
        let chart = Heatmap(title: "Throughput", rows: ["pi5/llama.cpp", "orin/ollama"], columns: ["qwen", "llama"],
                            values: [[12.5, nil], [40, 33]], valueAxis: rate)
        let probe = try #require(checked(chart.svg()))
        #expect(probe.texts.filter { $0 == "–" }.count == 1)
        #expect(probe.texts.contains("pi5/llama.cpp × llama: no value"))
        #expect(probe.texts.contains("12.5") && probe.texts.contains("40"))
        #expect(probe.attributes.contains { $0["fill"] == Palette.missing })
        // lowest value gets the dark end of viridis with white text, highest the yellow end
        #expect(probe.attributes.contains { $0["fill"] == "#440154" })
        #expect(probe.attributes.contains { $0["fill"] == "#FDE725" })
        #expect(probe.texts.contains("Throughput (tok/s)"))
    }

    @Test func boxStatisticsUseLinearInterpolationAndTukeyWhiskers() throws {
        let stats = try #require(BoxStatistics(samples: [5, 1, 2, 3, 4, 100]))
        #expect(stats.n == 6)
        #expect(stats.p25 == 2.25)  // h = 5 × 0.25 = 1.25 → 2 + 0.25 × (3 − 2)
        #expect(stats.median == 3.5)
        #expect(stats.p75 == 4.75)
        #expect(stats.upperWhisker == 5)  // fence 4.75 + 1.5 × 2.5 = 8.5
        #expect(stats.lowerWhisker == 1)
        #expect(stats.outliers == [100])
        #expect(BoxStatistics(samples: []) == nil)
        let probe = try #require(checked(BoxPlot(
            title: "TTFT", series: [BoxSeries(label: "pi5", samples: [5, 1, 2, 3, 4, 100]), BoxSeries(label: "none", samples: [])],
            valueAxis: ChartAxis(title: "TTFT", unit: "s")).svg()))
        #expect(probe.texts.contains("pi5 (n=6)") && probe.texts.contains("none (n=0)") && probe.texts.contains("no samples"))
        #expect(probe.texts.contains { $0.hasPrefix("pi5: n=6, median 3.5 s") })
    }

    @Test func downsamplingKeepsTheSpike() {
        var points = (0..<100_000).map { TimePoint(time: Double($0) * 0.001, value: 5 + Double($0 % 7) * 0.01) }
        points[54_321].value = 17.5
        let thinned = Downsampler.minMax(points, limit: 2_000)
        #expect(thinned.count <= 2_000)
        #expect(thinned.map(\.value).max() == 17.5)
        #expect(thinned.first == points.first && thinned.last == points.last)
        #expect(zip(thinned, thinned.dropFirst()).allSatisfy { $0.time < $1.time })
        #expect(Downsampler.minMax(Array(points.prefix(10)), limit: 2_000).count == 10)
    }

    @Test func timelineShadesPhasesAndDrawsIdleBaseline() throws {
        var points = (0..<10_000).map { TimePoint(time: Double($0) * 0.01, value: 4 + Double($0 % 10) * 0.1) }
        points[5_000].value = 11.2
        let chart = TimelineChart(
            title: "Power, pi5", series: [TimelineSeries(name: "board", points: points)],
            phases: [TimelinePhase(name: "prefill", start: 10, end: 20), TimelinePhase(name: "decode", start: 20, end: 90)],
            idleBaseline: 2.7)
        let svg = chart.svg()
        let probe = try #require(checked(svg))
        let path = try #require(probe.attributes.first { $0["stroke-linejoin"] == "round" }?["d"])
        #expect(path.components(separatedBy: "L").count <= 2_000)
        #expect(probe.texts.contains("board: peak 11.2 W"))
        #expect(probe.texts.contains("idle 2.7 W"))
        #expect(probe.attributes.contains { $0["stroke-dasharray"] == "6 4" })
        #expect(probe.texts.contains("prefill: 10 s – 20 s") && probe.texts.contains("decode: 20 s – 90 s"))
        #expect(probe.texts.contains("Time (s)") && probe.texts.contains("Power (W)"))
        #expect(svg.utf8.count < 120_000)
    }

    @Test func rooflineLabelsEfficiency() throws {
        let chart = RooflineChart(title: "Roofline", entries: [
            RooflineEntry(label: "pi5/q4", measured: 6.3, ceiling: 10),
            RooflineEntry(label: "orin/no-bandwidth", measured: 20, ceiling: nil),
        ])
        let probe = try #require(checked(chart.svg()))
        #expect(probe.texts.contains("63 %"))
        #expect(probe.texts.contains("–"))
        #expect(probe.texts.contains("pi5/q4: measured 6.3 tok/s, ceiling 10 tok/s, efficiency 63 %"))
        #expect(probe.texts.contains("Decode rate (tok/s)"))
    }

    @Test func sequentialPaletteInterpolatesViridis() {
        #expect(Palette.sequential(0) == "#440154")
        #expect(Palette.sequential(1) == "#FDE725")
        #expect(Palette.sequential(0.5) == "#21908D")
        #expect(Palette.sequential(.nan) == "#440154")
        #expect(Palette.color(9) == "#56B4E9")
    }
}
