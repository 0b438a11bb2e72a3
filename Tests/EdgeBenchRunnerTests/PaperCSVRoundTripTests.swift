import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchReports
import Foundation
import Testing

@testable import EdgeBenchRunner

/// EdgeBench's own benchmark_results.csv and benchmark_results_details.csv, read back by
/// `import paper-csv`: the same configurations (runtime, placement, board, model) and the same values.
@Suite struct PaperCSVRoundTripTests {
    static let catalog = try! DeviceCatalog.bundled()

    /// The methodology's five configurations of one model, as a run stores them: three requests each.
    static func run() -> ResultBundle {
        let engines: [(id: String, adapter: String, offloadFraction: Double?, device: String, rate: Double)] = [
            ("pi5-cpu", "ollama", 0, "rpi5-8gb", 6.1),
            ("jetson-cpu", "ollama", 0, "jetson-orin-nano-super", 9.7),
            ("jetson-gpu", "ollama", 1, "jetson-orin-nano-super", 31.3),
            ("pi5-hailo", "hailo-ollama", nil, "rpi5-8gb-ai-hat-plus-2", 7.9),
            ("m5stack", "stackflow", nil, "m5stack-module-llm", 3.3),
        ]
        let served = ["ollama": "qwen2.5:1.5b", "hailo-ollama": "qwen2.5-instruct:1.5b", "stackflow": "qwen2.5-1.5B-ax630c"]
        let configurations = engines.map { engine in
            let requests = (0..<3).map { index in
                let tokens = Double(97 + index)
                let ttft = 0.31 + Double(index) / 7
                let latency = ttft + tokens / (engine.rate + Double(index) / 3)
                return RequestResult(
                    index: index,
                    metrics: [.nOut: tokens, .ttft: ttft, .e2eLatency: latency, .e2eThroughput: tokens / latency],
                    itl: [], flags: [], response: "Rayleigh scattering, \"blue\"\nreply \(index)")
            }
            let (summary, flags) = ConfigurationSummary.build(requests: requests)
            let model = ModelInfo(name: served[engine.adapter]!)
            return ConfigurationResult(
                id: "\(engine.id)/qwen2.5-1.5b/short",
                engine: EngineDescription(
                    adapter: engine.adapter, name: engine.id, offloadFraction: engine.offloadFraction, model: model),
                model: model,
                workload: Workload(name: "short", request: GenerationRequest(prompt: "Why is the sky blue?", maxTokens: 100)),
                status: .completed, error: nil, requests: requests, summary: summary, flags: flags,
                device: catalog.device(id: engine.device))
        }
        return ResultBundle(
            run: RunInfo(id: "r1", startedAt: "2026-12-07T12:00:00Z", edgebenchVersion: "test", planHash: "h", planName: "m"),
            environment: Environment(
                hostname: "harness", board: nil, cpuModel: "AMD EPYC", cpuCores: 2, memoryBytes: nil, os: nil, kernel: nil,
                architecture: nil),
            configurations: configurations)
    }

    func imported(_ bundle: ResultBundle) throws -> [ConfigurationResult] {
        let reader = PaperCSVReader(catalog: Self.catalog, catalogDevices: [:], powerWatts: [:])
        return try reader.read(
            results: PaperCSV.results(bundle), file: "benchmark_results.csv",
            details: (PaperCSV.details(bundle), "benchmark_results_details.csv")
        ).configurations.map(\.result)
    }

    @Test func eachConfigurationHasItsOwnLabel() {
        let text = PaperCSV.results(Self.run())
        let labels = text.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(labels == [
            "CPU-Ollama@rpi5-8gb", "CPU-Ollama@jetson-orin-nano-super", "GPU-Ollama", "GPU-Hailo-Ollama", "AX630",
        ])
        #expect(!text.contains("AMD EPYC"))
    }

    @Test func bothFilesReadBackToTheSameConfigurationsAndValues() throws {
        let original = Self.run()
        let back = try imported(original)
        #expect(back.map(\.id) == [
            "CPU-Ollama@rpi5-8gb/qwen2.5-1.5b", "CPU-Ollama@jetson-orin-nano-super/qwen2.5-1.5b",
            "GPU-Ollama/qwen2.5-1.5b", "GPU-Hailo-Ollama/qwen2.5-1.5b", "AX630/qwen2.5-1.5b",
        ])
        let metrics: [MetricID] = [.nOut, .ttft, .e2eLatency, .e2eThroughput]
        for (before, after) in zip(original.configurations, back) {
            // the configuration: runtime, placement, board, model, workload
            #expect(after.engine.adapter == before.engine.adapter)
            #expect(Placement(after) == Placement(before), "\(after.id)")
            #expect(after.device == before.device, "\(after.id)")
            #expect(after.model.name == "qwen2.5-1.5b")
            #expect(after.workload.name == "paper")
            // the values, exactly: every request and every summary statistic of the four metrics
            #expect(after.requests.map(\.response) == before.requests.map(\.response))
            for metric in metrics {
                #expect(after.requests.map { $0.metrics[metric] } == before.requests.map { $0.metrics[metric] }, "\(after.id) \(metric)")
                #expect(after.summary[metric] == before.summary[metric], "\(after.id) \(metric)")
            }
            // counted tokens: nothing estimated
            #expect(!after.flags.contains(.estimated))
            #expect(after.requests.allSatisfy { $0.flags.isEmpty })
        }
        // and the pairs for accelerator_gain are the run's: Pi 5 CPU with the AI HAT+ 2, Jetson CPU with its GPU
        let pairs = AcceleratorGain.pairs(back).map { "\($0.cpuConfiguration) → \($0.acceleratedConfiguration)" }
        #expect(pairs == [
            "CPU-Ollama@jetson-orin-nano-super/qwen2.5-1.5b → GPU-Ollama/qwen2.5-1.5b",
            "CPU-Ollama@rpi5-8gb/qwen2.5-1.5b → GPU-Hailo-Ollama/qwen2.5-1.5b",
        ])
    }

    @Test func theResultsFileAloneReadsBackToTheSameMeans() throws {
        let original = Self.run()
        let reader = PaperCSVReader(catalog: Self.catalog, catalogDevices: [:], powerWatts: [:])
        let back = try reader.read(results: PaperCSV.results(original), file: "r.csv", details: nil).configurations.map(\.result)
        for (before, after) in zip(original.configurations, back) {
            for metric in [MetricID.nOut, .ttft, .e2eLatency, .e2eThroughput] {
                #expect(after.summary[metric]?.mean == before.summary[metric]?.mean, "\(after.id) \(metric)")
                #expect(after.summary[metric]?.n == 3)
            }
            #expect(after.device == before.device)
        }
    }

    /// Several workloads: the label carries the workload, so rows stay one per configuration.
    @Test func workloadsAreWrittenWhenARunHasSeveral() throws {
        var bundle = Self.run()
        var long = bundle.configurations[0]
        long.id = "pi5-cpu/qwen2.5-1.5b/long"
        long.workload.name = "long"
        bundle.configurations = [bundle.configurations[0], long]
        let back = try imported(bundle)
        #expect(back.map(\.id) == ["CPU-Ollama@rpi5-8gb/qwen2.5-1.5b/short", "CPU-Ollama@rpi5-8gb/qwen2.5-1.5b/long"])
        #expect(back.map(\.workload.name) == ["short", "long"])
    }

    /// A configuration whose board is not known is written so; it does not become the paper's board.
    @Test func anUnknownBoardStaysUnknown() throws {
        var bundle = Self.run()
        bundle.configurations = [bundle.configurations[2]]
        bundle.configurations[0].device = nil
        #expect(PaperLabel.labels(bundle.configurations) == ["GPU-Ollama@unknown"])
        #expect(try imported(bundle).map(\.device) == [nil])
    }
}
