import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import EdgeBenchReports

/// A fixed four-configuration run: Pi 5 CPU, Pi 5 + AI HAT+ 2, Jetson GPU (two models, one without power).
enum HTMLFixture {
    static let pi5 = TestDevices.pi5
    static let pi5Hat2 = TestDevices.pi5Hat2
    static let jetson = TestDevices.jetson

    /// mean with stddev = 2 % of it (CV 2 %) over n = 10.
    static func summary(_ mean: Double, _ unit: MetricUnit, stddev: Double? = nil) -> Summary {
        let sd = stddev ?? mean * 0.02
        return Summary(unit: unit, n: 10, mean: mean, median: mean, stddev: sd, cv: sd / mean, min: mean, max: mean,
                       p50: mean, p90: mean, p99: mean, ci95: nil)
    }

    static func configuration(
        _ id: String, device: Device, offloadFraction: Double, metrics: [MetricID: Double], requests: Int = 10,
        flags: [Flag] = [], runtime: String? = nil
    ) -> ConfigurationResult {
        let parts = id.split(separator: "/").map(String.init)
        let model = ModelInfo(name: parts[1], sizeBytes: 800_000_000, quantisation: "Q4_K_M")
        let engine = EngineDescription(adapter: "ollama", name: runtime ?? parts[0], offloadFraction: offloadFraction, model: model)
        var summary: [MetricID: Summary] = [:]
        for (metric, mean) in metrics { summary[metric] = self.summary(mean, metric.unit) }
        let ttft = metrics[.ttft] ?? 0.1
        let list = (0..<requests).map { index in
            RequestResult(index: index, metrics: [.ttft: ttft * (0.9 + 0.02 * Double(index % 10))],
                          itl: [0.01, 0.012, 0.011, 0.013], flags: [])
        }
        return ConfigurationResult(
            id: id, engine: engine, model: model,
            workload: Workload(name: parts[2], request: GenerationRequest(prompt: "Hi", maxTokens: 64)),
            status: .completed, requests: list, summary: summary, flags: flags, device: device)
    }

    static let cpu = configuration(
        "cpu/llama3.2/short", device: pi5, offloadFraction: 0,
        metrics: [.e2eThroughput: 5, .ttft: 0.5, .energyPerToken: 1.2, .meanPower: 6, .decodeRate: 6])
    static let hat = configuration(
        "hailo/llama3.2/short", device: pi5Hat2, offloadFraction: 1,
        metrics: [.e2eThroughput: 8, .ttft: 0.4, .energyPerToken: 0.1, .meanPower: 0.8, .decodeRate: 9])
    static let jetsonLlama = configuration(
        "jetson-gpu/llama3.2/short", device: jetson, offloadFraction: 1,
        metrics: [.e2eThroughput: 200, .ttft: 0.05, .energyPerToken: 0.082, .meanPower: 16.4, .decodeRate: 210],
        flags: [.fewSamples])
    /// no power source: energy_per_token must print "–"
    static let jetsonQwen = configuration(
        "jetson-gpu/qwen2.5/short", device: jetson, offloadFraction: 1,
        metrics: [.e2eThroughput: 150, .ttft: 0.06, .decodeRate: 160])

    static func bundle(_ configurations: [ConfigurationResult] = [cpu, hat, jetsonLlama, jetsonQwen]) -> ResultBundle {
        ResultBundle(
            run: RunInfo(id: "run-7", startedAt: "2026-11-23T10:00:00Z", edgebenchVersion: "0.1.0", planHash: "abc",
                         planName: "edge <boards> & co"),
            environment: Environment(hostname: "bench-host", board: "Raspberry Pi 5 Model B Rev 1.0", cpuModel: "Cortex-A76",
                                     cpuCores: 4, memoryBytes: nil, os: nil, kernel: nil, architecture: "aarch64"),
            configurations: configurations)
    }

    static func analysis(_ bundle: ResultBundle, scenario: Scenario? = nil) throws -> AnalysisReport {
        Analysis.analyze(bundles: [bundle], objectives: try Objective.parseList(Analysis.defaultObjectives),
                         scenario: scenario)
    }
}

@Suite struct HTMLReportTests {
    let bundle = HTMLFixture.bundle()

    func html(scenario: Scenario? = nil) throws -> String {
        HTMLReport.render(bundles: [bundle], analysis: try HTMLFixture.analysis(bundle, scenario: scenario))
    }

    @Test func isWellFormedSelfContainedXHTML() throws {
        let page = try html()
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"))
        let parser = XMLParser(data: Data(page.utf8))
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("src=\"http") && !page.contains("src='http") && !page.contains("url("))
        #expect(!page.contains("@import") && !page.contains("<link"))
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"))
        #expect(page.contains("@media print") && page.contains("overflow-x: auto"))
        // the plan name's markup characters are escaped, not interpreted
        #expect(page.contains("<title>EdgeBench report: edge &lt;boards&gt; &amp; co</title>"))
    }

    @Test func hasEverySectionAndChart() throws {
        let page = try html()
        for id in ["summary", "matrix", "charts", "definitions"] {
            #expect(page.contains("<section id=\"\(id)\">"), "section \(id)")
        }
        let figures = [
            "chart-power-throughput", "chart-accelerator", "chart-heatmap-e2e_throughput",
            "chart-heatmap-throughput_density", "chart-heatmap-energy_per_token", "chart-ttft", "chart-itl",
            "chart-power-timeline", "chart-roofline",
        ]
        for id in figures { #expect(page.contains("<figure id=\"\(id)\">"), "figure \(id)") }
        // every figure draws an SVG except the power timeline, which says why it has none
        #expect(page.components(separatedBy: "<svg xmlns=").count - 1 == 8)
        #expect(page.contains("No power timeline: no samples stored"))
        #expect(page.contains("Not drawn, no power measured: jetson-gpu/qwen2.5/short."))
    }

    @Test func matrixCellsCarryUnitsNAndCV() throws {
        let page = try html()
        // 200 ± 2 % → stddev 4.0 (two significant digits), mean to the same place
        #expect(page.contains("200.0 ± 4.0 tok/s<span class=\"detail\">n=10 · CV 2 %</span>"))
        // every TTFT mean is below 1 s, so the column reads in ms: 0.05 s ± 2 % → 50.0 ± 1.0 ms
        #expect(page.contains("50.0 ± 1.0 ms"))
        #expect(page.contains("0.0820 ± 0.0016 J/token"))
        #expect(page.contains("energy_per_token (J/token = MJ/Mtok)"))
        // qwen2.5 row: energy never measured → "–", and no pi5 cell for qwen2.5 at all
        // the model's header cell spans its three metric rows and its flags row
        let qwenRow = try #require(page.range(of: "<th scope=\"row\" rowspan=\"4\">qwen2.5</th>"))
        let qwen = String(page[qwenRow.upperBound...].prefix(2_000))
        #expect(qwen.contains("150.0 ± 3.0 tok/s"))
        #expect(qwen.contains("<td class=\"missing\">–</td>"))
        // definitions beside the matrix, and the flag legend
        #expect(page.contains("<dt>e2e_throughput (tok/s)</dt><dd>N_out / e2e_latency</dd>"))
        #expect(page.contains("title=\"fewer than 5 measured requests: statistics are rough\">few_samples</span>"))
    }

    @Test func summaryNamesTheFrontAndEachMembersTradeOff() throws {
        let page = try html()
        // volume 100 × 79 × 21 mm = 165.9 cm³ → "166 cm³"
        #expect(page.contains(
            "jetson-gpu/llama3.2/short is on the Pareto front: decode rate 210 tok/s, energy per token 0.082 J/token, "
                + "volume 166 cm³."))
        #expect(page.contains("jetson-gpu/qwen2.5/short is not compared: no energy_per_token"))
        #expect(page.contains("No scenario was given, so there is no single winner"))
        // the Pi 5 CPU run is the smallest board (85 × 56 × 17 mm = 80.92 cm³) but the slowest and hungriest
        #expect(page.contains("cpu/llama3.2/short: best volume (80.9 cm³) of the front; gives up decode rate (6.0 tok/s) and "
            + "energy per token (1.2 J/token), the worst of the front."))
        #expect(page.contains("hailo/llama3.2/short: neither best nor worst of the front on any objective"))
        #expect(page.contains("<td>0.1.0</td><td>bench-host</td>"))
    }

    @Test func scenarioGivesTheWinnerAndTheTradeOffSentence() throws {
        let scenario = try #require(Scenario.named("interactive"))
        let analysis = try HTMLFixture.analysis(bundle, scenario: scenario)
        let page = HTMLReport.render(bundles: [bundle], analysis: analysis)
        let ranking = try #require(analysis.ranking)
        let tradeOff = try #require(ranking.tradeOff(candidates: analysis.candidates))
        #expect(page.contains("Deploy jetson-gpu/llama3.2/short for scenario interactive (score 1.00 of 1)."))
        #expect(page.contains(SVGEscape.text(tradeOff) + "."))
        #expect(tradeOff.hasPrefix("jetson-gpu/llama3.2/short wins"))
    }

    @Test func acceleratorChartUsesThePi5Pair() throws {
        let page = try html()
        // 1.2 J/token on the CPU / 0.1 J/token on the Hailo = 12×
        #expect(page.contains("hailo/llama3.2/short vs cpu/llama3.2/short: 12×"))
        #expect(page.contains("rpi5-8gb · llama3.2, CPU: 1.2 J/token"))
    }

    @Test func hundredThousandRequestsStayUnderFiveMegabytes() throws {
        let big = HTMLFixture.configuration(
            "jetson-gpu/llama3.2/long", device: HTMLFixture.jetson, offloadFraction: 1,
            metrics: [.e2eThroughput: 190, .ttft: 0.07, .energyPerToken: 0.09, .meanPower: 17, .decodeRate: 200],
            requests: 100_000)
        let bundle = HTMLFixture.bundle([HTMLFixture.cpu, big])
        let page = HTMLReport.render(bundles: [bundle], analysis: try HTMLFixture.analysis(bundle))
        #expect(page.utf8.count < 5_000_000)
        #expect(page.contains("(n=100000)"))
        #expect(XMLParser(data: Data(page.utf8)).parse())
    }

    @Test func aRunWithNothingCompletedStillRendersAndSaysWhy() throws {
        var failed = HTMLFixture.cpu
        failed.status = .failed
        failed.error = "engine at 127.0.0.1:11434 did not answer within 30 s; check that it runs"
        let bundle = HTMLFixture.bundle([failed])
        let page = HTMLReport.render(bundles: [bundle], analysis: try HTMLFixture.analysis(bundle))
        #expect(XMLParser(data: Data(page.utf8)).parse())
        #expect(page.contains("No completed configuration: nothing to tabulate."))
        #expect(page.contains("cpu/llama3.2/short failed: engine at 127.0.0.1:11434 did not answer within 30 s"))
        #expect(page.contains("No recommendation: nothing could be compared on every objective."))
    }

    @Test func twoRunsOfTheSamePlanGetTheirOwnColumns() throws {
        var second = HTMLFixture.bundle([HTMLFixture.cpu])
        second.run.id = "run-8"
        let first = HTMLFixture.bundle([HTMLFixture.cpu])
        let analysis = Analysis.analyze(
            bundles: [first, second], objectives: try Objective.parseList(Analysis.defaultObjectives))
        let matrix = ResultsMatrix(ReportEntry.make(bundles: [first, second], analysis: analysis))
        #expect(matrix.models == ["llama3.2"])
        // one configuration label (device · runtime · placement); the run tells the two columns apart
        #expect(matrix.setups == ["rpi5-8gb · cpu · CPU · run-7", "rpi5-8gb · cpu · CPU · run-8"])
        #expect(matrix.entry(model: "llama3.2", setup: "rpi5-8gb · cpu · CPU · run-8")?.id == "cpu/llama3.2/short@run-8")
    }

    @Test func markdownAndCSVShowTheSameMatrix() throws {
        let analysis = try HTMLFixture.analysis(bundle)
        let markdown = AnalysisMarkdown.render(bundles: [bundle], analysis: analysis)
        #expect(markdown.contains("| llama3.2 | e2e_throughput (tok/s) | 5.00 ± 0.10 tok/s (n=10 · CV 2 %) |"))
        #expect(markdown.contains("| qwen2.5 | energy_per_token (J/token = MJ/Mtok) | – | – | – |"))
        let csv = ReportTables.csv(bundles: [bundle], analysis: analysis)
        #expect(csv.hasPrefix(ReportTables.header.joined(separator: ",") + "\r\n"))
        #expect(csv.contains(
            "jetson-gpu/llama3.2/short,llama3.2,jetson-orin-nano-super · jetson-gpu · GPU,jetson-orin-nano-super,"
                + "energy_per_token,J/token,0.082,0.00164,10,0.02,front,few_samples,\r\n"))
    }

    @Test func resultsWriterWritesTheReportBesideTheBundle() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("edgebench-html-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let urls = try ResultsWriter.write(bundle, to: out)
        #expect(urls.last?.lastPathComponent == "report.html")
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        // the run's own report: objectives chosen from its data, as `edgebench report` with no --objectives
        #expect(page == HTMLReport.render(bundles: [bundle], analysis: Analysis.analyze(bundles: [bundle])))
    }
}
