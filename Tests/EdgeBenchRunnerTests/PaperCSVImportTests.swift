import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation
import Testing

@testable import EdgeBenchRunner

/// `edgebench import paper-csv`: the original harness's CSV (values of the paper's table) as
/// configurations with METRICS.md ids, the device from the catalog, power from a display-only meter.
@Suite struct PaperCSVImportTests {
    static let m5 = Device(
        id: "m5stack-module-llm", name: "M5Stack Module LLM",
        dimensions: Device.Dimensions(length: 0.054, width: 0.054, height: 0.013), price: Device.Price(usd: 99.9))
    static let pi = Device(id: "rpi5-8gb", name: "Raspberry Pi 5 (8 GB)")
    static let catalog = DeviceCatalog(devices: [pi, m5])

    static let results = """
        model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response
        qwen2.5:1.5b,AX630,5,128,37.21,3.44,1.05,"Hello, ""edge""
        second line"
        qwen2.5:1.5b,CPU-Ollama,5,128,20.0,6.4,0.8,ok
        qwen2.5:1.5b,GPU-Hailo-Ollama,3,128,16.0,8.0,0.5,ok

        """

    func importer(_ output: URL, devices: [String: String] = ["AX630": "m5stack-module-llm"], watts: [String: Double] = ["AX630": 1.5])
        -> PaperCSVImporter
    {
        PaperCSVImporter(outputRoot: output, catalog: Self.catalog, catalogDevices: devices, powerWatts: watts)
    }

    func write(_ text: String, _ name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func reader(devices: [String: String] = ["AX630": "m5stack-module-llm"], watts: [String: Double] = ["AX630": 1.5])
        -> PaperCSVReader
    {
        PaperCSVReader(catalog: Self.catalog, catalogDevices: devices, powerWatts: watts)
    }

    @Test func rowsBecomeConfigurations() throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let file = try write(Self.results, "benchmark_results.csv", in: output)
        let outcome = try importer(output).run(results: file)
        let bundle = outcome.bundle
        #expect(bundle.configurations.map(\.id) == [
            "AX630/qwen2.5:1.5b", "CPU-Ollama/qwen2.5:1.5b", "GPU-Hailo-Ollama/qwen2.5:1.5b",
        ])
        #expect(bundle.run.planName == "paper-csv import")

        let ax = bundle.configurations[0]
        #expect(ax.engine.adapter == "stackflow")
        #expect(ax.engine.name == "AX630")
        #expect(ax.summary[.e2eThroughput]?.mean == 3.44)
        #expect(ax.summary[.e2eThroughput]?.unit == .tokensPerSecond)
        #expect(ax.summary[.e2eThroughput]?.n == 5)
        #expect(ax.summary[.e2eLatency]?.mean == 37.21)
        #expect(ax.summary[.ttft]?.mean == 1.05)
        #expect(ax.summary[.nOut]?.mean == 128)
        #expect(ax.summary[.meanPower]?.mean == 1.5)
        // energy per token = P / e2e_throughput = 1.5 W / 3.44 tok/s
        let energy = try #require(ax.summary[.energyPerToken]?.mean)
        #expect(abs(energy - 0.436_046_5) < 1e-6)
        #expect(ax.summary[.energyPerToken]?.unit == .joulesPerToken)
        #expect(ax.flags == [.estimated, .manual])
        #expect(ax.power?.isManual == true)
        #expect(ax.power?.boundary == .wallAC)
        #expect(ax.power?.source == "manual")
        #expect(ax.device == Self.m5)
        // the check: 3.44 tok/s in 54 × 54 × 13 mm = 90,746 tok/s/m³
        let volume = try #require(ax.device?.volume)
        #expect((3.44 / volume).rounded() == 90_746)

        let cpu = bundle.configurations[1]
        #expect(cpu.engine.adapter == "ollama")
        #expect(cpu.engine.offload == "none (CPU)")
        #expect(cpu.summary[.meanPower] == nil)
        #expect(cpu.power == nil)
        // no --catalog-device: the harness measured CPU-Ollama on the board of the same model's GPU rows, here
        // the Pi 5 under the AI HAT+ 2 (whose own catalog entry this test catalog lacks)
        #expect(cpu.device == Self.pi)
        #expect(bundle.configurations[2].device == nil)
        #expect(cpu.flags == [.estimated])

        let hailo = bundle.configurations[2]
        #expect(hailo.engine.adapter == "hailo-ollama")
        #expect(hailo.flags == [.estimated, .fewSamples])  // 3 runs < 5
        #expect(outcome.notes.contains { $0.contains("num_predict") })
        #expect(outcome.notes.contains(
            "'CPU-Ollama' row of qwen2.5:1.5b is taken to have run on rpi5-8gb, the base board of its GPU-Hailo-Ollama row; "
                + "give --catalog-device CPU-Ollama=CATALOG_ID if it ran elsewhere"))
        // the run is in the database and a copy of what was imported is kept beside it
        #expect(FileManager.default.fileExists(atPath: outcome.directory.appendingPathComponent("imported/1-benchmark_results.csv").path))
    }

    @Test func powerColumnPerRow() throws {
        let text = """
            model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response,power_w
            qwen2.5:1.5b,CPU-Ollama,5,128,20.0,6.4,0.8,ok,6.4
            qwen2.5:1.5b,AX630,5,128,37.21,3.44,1.05,ok,

            """
        let read = try reader(devices: [:], watts: ["AX630": 1.72]).read(results: text, file: "r.csv", details: nil)
        let cpu = read.configurations[0].result
        #expect(cpu.summary[.meanPower]?.mean == 6.4)
        #expect(cpu.summary[.energyPerToken]?.mean == 1.0)  // 6.4 W / 6.4 tok/s
        // an empty power_w falls back to --power-watts
        let ax = read.configurations[1].result
        #expect(ax.summary[.energyPerToken]?.mean == 0.5)  // 1.72 W / 3.44 tok/s
    }

    @Test func detailsBecomeRequests() throws {
        let details = """
            model,device,num_tokens,run_elapsed,elapsed_delta,run_ttft,ttft_delta,response
            qwen2.5:1.5b,AX630,128,37.0,-0.21,1.0,-0.05,a
            qwen2.5:1.5b,AX630,128,37.42,0.21,1.1,0.05,"b, c"

            """
        let read = try reader().read(results: Self.results, file: "r.csv", details: (details, "d.csv"))
        let ax = read.configurations[0].result
        #expect(ax.requests.count == 2)
        #expect(ax.requests.map { $0.metrics[.e2eLatency] } == [37.0, 37.42])
        #expect(ax.requests.map { $0.metrics[.ttft] } == [1.0, 1.1])
        #expect(ax.requests.map(\.response) == ["a", "b, c"])
        // 128 tokens / 37 s, and 1.5 W × 37 s / 128 tokens
        #expect(ax.requests[0].metrics[.e2eThroughput] == 128 / 37.0)
        #expect(abs((ax.requests[0].metrics[.energyPerToken] ?? 0) - 0.433_593_75) < 1e-12)
        #expect(ax.requests.allSatisfy { $0.flags == [.estimated] })
        #expect(ax.summary[.e2eLatency]?.n == 2)
        #expect(ax.summary[.e2eLatency]?.mean == 37.21)
        #expect(ax.flags == [.estimated, .fewSamples, .manual])
        // a configuration without detail rows keeps the CSV's means
        #expect(read.configurations[1].result.requests.isEmpty)
        #expect(read.configurations[1].result.summary[.e2eThroughput]?.mean == 6.4)
    }

    // MARK: - mistakes

    @Test func missingColumnsAreNamed() {
        let text = "model,device,runs,avg_tokens_per_sec\nq,AX630,5,3.44\n"
        #expect(message { _ = try reader().read(results: text, file: "r.csv", details: nil) } ==
            "r.csv: not a paper benchmark_results.csv: no column 'num_runs', 'num_tokens', 'avg_time_s', 'avg_ttft_s'; expected the header model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response (optionally power_w)")
    }

    @Test func unknownLabelAndBadNumberGiveTheirLine() {
        let text = """
            model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response
            q,NPU-Ollama,5,128,1,1,1,x
            q,AX630,5,128,1,fast,1,x
            """
        #expect(message { _ = try reader().read(results: text, file: "r.csv", details: nil) } == """
            r.csv:2: unknown device label 'NPU-Ollama'; the harness writes CPU-Ollama, GPU-Ollama, GPU-Hailo-Ollama, AX630 (any casing); map any other label to a configuration with --label LABEL=CONFIGURATION, e.g. --label Pi-CPU=CPU-Ollama@rpi5-8gb
            r.csv:3: 'avg_tokens_per_sec' must be a number > 0, got "fast"
            """)
    }

    @Test func unknownCatalogDeviceListsTheKnownOnes() {
        #expect(message { _ = try reader(devices: ["AX630": "m5stack"]).read(results: Self.results, file: "r.csv", details: nil) } ==
            "--catalog-device AX630=m5stack: unknown device 'm5stack'; known: rpi5-8gb, m5stack-module-llm")
        #expect(message { _ = try reader(devices: ["NPU": "rpi5-8gb"]).read(results: Self.results, file: "r.csv", details: nil) } ==
            "unknown device label 'NPU'; the harness writes CPU-Ollama, GPU-Ollama, GPU-Hailo-Ollama, AX630 (any casing); map any other label to a configuration with --label LABEL=CONFIGURATION, e.g. --label Pi-CPU=CPU-Ollama@rpi5-8gb")
    }

    @Test func detailsWithAnotherHeaderSayWhatIsExpected() {
        let details = "model,device,elapsed\nq,AX630,3\n"
        #expect(message { _ = try reader().read(results: Self.results, file: "r.csv", details: (details, "d.csv")) } ==
            "d.csv: no column 'run_elapsed' (found model,device,elapsed); expected a header with model, device, run_elapsed (seconds) and optionally run, num_tokens, run_ttft, response, e.g. model,device,num_tokens,run_elapsed,elapsed_delta,run_ttft,ttft_delta,response")
    }

    @Test func nothingIsWrittenWhenTheFileIsBad() throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let file = try write("model,device\n", "bad.csv", in: output)
        #expect(throws: ImportError.self) { try importer(output).run(results: file) }
        let entries = try FileManager.default.contentsOfDirectory(atPath: output.path)
        #expect(entries == ["bad.csv"])
    }
}
