import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchReports

/// The report's matrix, heatmaps and paper view: model rows × configuration columns (device · runtime ·
/// placement), for runs and imports alike, and what each cell and chart says about its numbers.
@Suite struct ReportGroupingTests {
    /// An import as the paper's harness labels it: "<label>/<model>", the label naming runtime and placement.
    static func imported(_ label: String, _ model: String, adapter: String, offload: String?, device: Device) -> ConfigurationResult {
        let info = ModelInfo(name: model)
        let summary: [MetricID: Summary] = [.e2eThroughput: HTMLFixture.summary(5, .tokensPerSecond)]
        return ConfigurationResult(
            id: "\(label)/\(model)", engine: EngineDescription(adapter: adapter, name: label, offload: offload, model: info),
            model: info, workload: Workload(name: "paper", request: GenerationRequest(prompt: "Hi", maxTokens: 128)),
            status: .completed, requests: [], summary: summary, flags: [], device: device)
    }

    static func render(_ configurations: [ConfigurationResult]) throws -> (String, ResultsMatrix) {
        let bundle = HTMLFixture.bundle(configurations)
        let analysis = try HTMLFixture.analysis(bundle)
        return (HTMLReport.render(bundles: [bundle], analysis: analysis),
                ResultsMatrix(ReportEntry.make(bundles: [bundle], analysis: analysis)))
    }

    @Test func anImportGroupsByModelAndConfiguration() throws {
        let models = ["qwen2.5:1.5b", "llama3.2:1b", "gemma3:1b"]
        let configurations = models.flatMap { model in [
            Self.imported("CPU-Ollama", model, adapter: "ollama", offload: "none (CPU)", device: TestDevices.pi5),
            Self.imported("GPU-Hailo-Ollama", model, adapter: "hailo-ollama", offload: nil, device: TestDevices.pi5Hat2),
            Self.imported("CPU-Ollama", model, adapter: "ollama", offload: "none (CPU)", device: TestDevices.jetson),
            Self.imported("GPU-Ollama", model, adapter: "ollama", offload: "all (GPU)", device: TestDevices.jetson),
            Self.imported("AX630", model, adapter: "stackflow", offload: nil, device: TestDevices.moduleLLM),
        ] }
        let (page, matrix) = try Self.render(configurations)
        // 15 imported rows: 3 models × 5 configurations, not 15 label+model columns
        #expect(matrix.models == models)
        #expect(matrix.setups == [
            "rpi5-8gb · Ollama · CPU", "rpi5-8gb+ai-hat-plus-2 · Hailo-Ollama · NPU", "jetson-orin-nano-super · Ollama · CPU",
            "jetson-orin-nano-super · Ollama · GPU", "m5stack-module-llm · StackFlow · NPU",
        ])
        // the heatmap's Jetson columns: the device on one line, what differs on the next
        let heatmap = try #require(page.components(separatedBy: "<figure id=\"chart-heatmap-e2e_throughput\">").last)
        #expect(heatmap.contains(">Ollama · CPU</text>") && heatmap.contains(">Ollama · GPU</text>"))
        #expect(heatmap.contains(">jetson-orin-"))
    }

    @Test func twoWorkloadsOfOneConfigurationGetTheirOwnColumns() throws {
        let short = HTMLFixture.cpu
        var long = HTMLFixture.configuration("cpu/llama3.2/long", device: TestDevices.pi5, offloadFraction: 0,
                                             metrics: [.e2eThroughput: 4])
        long.workload.name = "long"
        let (_, matrix) = try Self.render([short, long])
        #expect(matrix.setups == ["rpi5-8gb · cpu · CPU · short", "rpi5-8gb · cpu · CPU · long"])
    }

    @Test func heatmapColoursTheBetterValueBrightWhicheverWayTheMetricImproves() {
        let axis = ChartAxis(title: "Energy per token", unit: "J/token")
        let lower = Heatmap(title: "e", rows: ["m"], columns: ["a", "b"], values: [[0.1, 1.2]], valueAxis: axis,
                            higherIsBetter: false).svg()
        // viridis' bright end (#FDE725) is the best value: the lowest energy
        #expect(lower.contains("fill=\"#FDE725\"><title>m × a: 0.1 J/token</title>"))
        #expect(lower.contains("fill=\"#440154\"><title>m × b: 1.2 J/token</title>"))
        #expect(lower.contains("Energy per token (J/token), lower is better (yellow)"))
        let higher = Heatmap(title: "t", rows: ["m"], columns: ["a", "b"], values: [[5, 200]],
                             valueAxis: ChartAxis(title: "Throughput", unit: "tok/s"), higherIsBetter: true).svg()
        #expect(higher.contains("fill=\"#FDE725\"><title>m × b: 200 tok/s</title>"))
    }

    @Test func aNarrowRangeGetsTheDecimalsItsStepNeeds() {
        let scale = Scale.auto([151.7, 152.2])
        let labels = AxisRenderer.labels(scale, axis: ChartAxis(title: "Throughput", unit: "tok/s")).map(\.1)
        #expect(labels == ["151.6", "151.7", "151.8", "151.9", "152.0", "152.1", "152.2"])
        // a range the default format tells apart keeps it
        let wide = AxisRenderer.labels(Scale.auto([0, 200]), axis: ChartAxis(title: "T", unit: "tok/s")).map(\.1)
        #expect(wide.first == "0" && wide.last == "200")
        #expect(TickFormats.fixed(152, step: 0.25) == "152.00")
    }

    @Test func energyPerTokenSaysWhyARequestHasNoEnergy() throws {
        var jetson = HTMLFixture.jetsonLlama
        jetson.requests = (0..<3).map { index in
            RequestResult(index: index, metrics: index == 2 ? [.ttft: 0.05] : [.ttft: 0.05, .energyPerToken: 0.08],
                          itl: [0.01], flags: index == 2 ? [.implausibleSamples] : [])
        }
        jetson.summary[.energyPerToken] = Summary(unit: .joulesPerToken, n: 2, mean: 0.08, median: 0.08, stddev: 0,
                                                  cv: 0, min: 0.08, max: 0.08, p50: 0.08, p90: 0.08, p99: 0.08, ci95: nil)
        let (page, _) = try Self.render([jetson])
        #expect(page.contains("<span class=\"detail\">n=2 of 3 requests · CV 0 %</span>"))
        #expect(page.contains("energy_per_token of jetson-gpu/llama3.2/short: n=2 of 3 requests — 1 request(s) (#2) crossed "
            + "a gap left by dropped impossible power samples (flag implausible_samples)"))
    }

    @Test func theMatrixDefinitionsUseTheUnitsItPrints() throws {
        let (page, _) = try Self.render([HTMLFixture.cpu, HTMLFixture.hat])
        // every TTFT is below 1 s: the matrix prints ms, and so does the definition beside it
        #expect(page.contains("ttft (ms)</td>"))
        #expect(page.contains("<dt>ttft (ms)</dt><dd>\(MetricID.ttft.definition) (printed in ms; stored in s)</dd>"))
        #expect(!page.contains("<dt>ttft (s)</dt><dd>\(MetricID.ttft.definition)</dd><dt>energy_per_token"))
    }

    @Test func aManualMeterIsSaidOnceInsteadOfFlatTimelines() throws {
        let manual = PowerProvenance(source: "manual", channel: "display", boundary: .wallAC, quantity: .power,
                                     isEstimate: false, isManual: true, samples: 1, effectiveRate: 0, idleSeconds: nil)
        let configurations = FiveBoardFixture.configurations().map { configuration -> ConfigurationResult in
            var copy = configuration
            copy.power = manual
            return copy
        }
        let (page, _) = try Self.render(configurations)
        #expect(!page.contains("chart-power-timeline-0"))
        #expect(page.contains("Manual meter (a constant read off a display, not a measurement over time), so no timeline: "
            + "1.5 W at wall_ac for m5stack/qwen2.5:1.5b/short, m5stack/llama3.2:1b/short;"))
    }

    @Test func thePaperViewIsTable3() throws {
        let (page, _) = try Self.render(FiveBoardFixture.configurations())
        let paper = try #require(page.components(separatedBy: "<section id=\"paper\">").last?.components(separatedBy: "</section>").first)
        #expect(paper.contains("<th scope=\"colgroup\" colspan=\"4\">rpi5-8gb · Ollama · CPU</th>"))
        #expect(paper.contains("<th scope=\"col\">tok/s</th><th scope=\"col\">TTFT (s)</th><th scope=\"col\">MJ/Mtok</th>"
            + "<th scope=\"col\">Tps/m³</th>"))
        // Pi 5 CPU, qwen2.5: 6.4 tok/s, 0.8 s, 6.1 W / 6.4 tok/s = 0.953 J/token, 6.4 / (85 × 56 × 17 mm) = 79,090 tok/s/m³
        #expect(paper.contains("<tr><th scope=\"row\">qwen2.5:1.5b</th><td class=\"num\">6.4</td><td class=\"num\">0.8</td>"
            + "<td class=\"num\">0.953</td><td class=\"num\">79090</td>"))
    }
}
