import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import EdgeBenchReports

/// The prefill-dominated view (issue 15): one managed engine and SmolLM2 at three prompt lengths, power
/// measured at two of them.
@Suite struct PromptLengthReportTests {
    static func configuration(_ tokens: Int, ttft: Double, energy: Double?, achieved: Int) -> ConfigurationResult {
        var result = HTMLFixture.configuration(
            "managed/smollm2/long-p\(tokens)", device: HTMLFixture.pi5, offloadFraction: 0,
            metrics: [.ttft: ttft, .prefillRate: Double(achieved) / ttft, .nIn: Double(achieved), .e2eThroughput: 10]
                .merging(energy.map { [.prefillEnergyPerToken: $0] } ?? [:]) { a, _ in a })
        result.workload = Workload(
            name: "long-p\(tokens)", request: GenerationRequest(prompt: "…", api: .completion, maxTokens: 16),
            promptTokens: tokens, promptInstruction: PromptFiller.defaultInstruction,
            builtPrompt: BuiltPrompt(method: .tokenizer, achieved: achieved, textTokens: tokens, probes: 1))
        return result
    }

    static let bundle = HTMLFixture.bundle([
        configuration(128, ttft: 0.25, energy: 0.012, achieved: 128),
        configuration(512, ttft: 0.8, energy: 0.0105, achieved: 512),
        configuration(2048, ttft: 4.0, energy: nil, achieved: 2048),
        HTMLFixture.cpu,
    ])

    func page() throws -> String {
        HTMLReport.render(bundles: [Self.bundle], analysis: try HTMLFixture.analysis(Self.bundle))
    }

    @Test func theSectionPlotsAndTabulatesEachLength() throws {
        let page = try page()
        #expect(XMLParser(data: Data(page.utf8)).parse())
        #expect(page.contains("<a href=\"#prompt-length\">Prompt length</a>"))
        let start = try #require(page.range(of: "<section id=\"prompt-length\">"))
        let section = String(page[start.lowerBound...]).components(separatedBy: "</section>")[0]
        #expect(section.contains("<figure id=\"chart-prompt-ttft\">"))
        #expect(section.contains("<figure id=\"chart-prompt-prefill-rate\">"))
        // one line (engine/model/workload without -p<N>) through three points, each hover with both units
        #expect(section.contains("<title>managed/smollm2/long: Prompt length 512 tokens, TTFT 0.8 s</title>"))
        #expect(section.contains("<title>managed/smollm2/long: Prompt length 2048 tokens, Prefill rate 512 tok/s</title>"))
        #expect(section.components(separatedBy: "<path d=\"M").count - 1 == 2)
        // 128 … 2048 spans a factor of 16: the lengths are placed by ratio
        #expect(section.components(separatedBy: "Prompt length (tokens), log scale").count - 1 == 2)
        // the table: every metric with its unit in the header, values as stored, "–" where not measured
        #expect(section.contains(
            "<th scope=\"col\">configuration</th><th scope=\"col\">prompt_tokens (tokens)</th><th scope=\"col\">built by</th>"
                + "<th scope=\"col\">achieved (tokens)</th><th scope=\"col\">n_in (tokens)</th><th scope=\"col\">ttft (s)</th>"
                + "<th scope=\"col\">prefill_rate (tok/s)</th><th scope=\"col\">prefill_energy_per_token (J/token)</th>"))
        #expect(section.contains(
            "<tr><td>managed/smollm2/long-p128</td><td class=\"num\">128</td><td>tokenizer</td><td class=\"num\">128</td>"
                + "<td class=\"num\">128</td><td class=\"num\">0.25</td><td class=\"num\">512</td><td class=\"num\">0.012</td></tr>"))
        #expect(section.contains(
            "<tr><td>managed/smollm2/long-p2048</td><td class=\"num\">2048</td><td>tokenizer</td><td class=\"num\">2048</td>"
                + "<td class=\"num\">2048</td><td class=\"num\">4</td><td class=\"num\">512</td><td class=\"missing\">–</td></tr>"))
        // the run's other workload has no length: not in the view
        #expect(!section.contains("cpu/llama3.2/short"))
    }

    /// A run without prompt_tokens has no such section, and no link to one.
    @Test func noLengthNoSection() throws {
        let bundle = HTMLFixture.bundle()
        let page = HTMLReport.render(bundles: [bundle], analysis: try HTMLFixture.analysis(bundle))
        #expect(!page.contains("prompt-length"))
    }
}

/// The line chart the view draws with: a length without a value breaks its line and is named, never drawn at 0.
@Suite struct LineChartTests {
    @Test func aMissingValueBreaksTheLineAndIsNamed() throws {
        let chart = LineChart(
            title: "TTFT", series: [
                LineSeries(label: "a", points: [(x: 128, y: 0.2), (x: 512, y: nil), (x: 2048, y: 3), (x: 8192, y: 12)]),
                LineSeries(label: "b", points: [(x: 128, y: 0.1), (x: 512, y: 0.4)]),
            ],
            xAxis: ChartAxis(title: "Prompt length", unit: "tokens"), yAxis: ChartAxis(title: "TTFT", unit: "s"),
            logarithmicX: true)
        let svg = chart.svg()
        let probe = try #require(XMLProbe.parse(svg))
        // a: one point, then a new line from 2048 on; b: one line of two points
        let paths = probe.attributes.compactMap { $0["d"] }
        #expect(paths.map { $0.filter { $0 == "M" }.count } == [2, 1])
        #expect(paths.map { $0.filter { $0 == "L" }.count } == [1, 1])
        #expect(probe.elements.filter { $0 == "circle" }.count == 5)
        #expect(probe.texts.contains("Not measured: a at 512 tokens"))
        #expect(probe.texts.contains("Prompt length (tokens), log scale"))
        #expect(probe.texts.contains("a: Prompt length 8192 tokens, TTFT 12 s"))
    }

    @Test func noValueAtAllSaysSo() {
        let chart = LineChart(
            title: "TTFT", series: [LineSeries(label: "a", points: [(x: 128, y: nil)])],
            xAxis: ChartAxis(title: "Prompt length", unit: "tokens"), yAxis: ChartAxis(title: "TTFT", unit: "s"))
        #expect(chart.svg().contains(">No data</text>"))
    }
}
