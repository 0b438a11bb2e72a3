import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation
import Testing

@testable import EdgeBenchRunner

/// What the paper's harness really writes, imported without options: its labels in its own casing, its
/// details logged under `GPU-hailo-Ollama` for GPU-Ollama runs too, an empty avg_ttft_s when it saw no
/// TTFT, and each runtime's own name for one model. The rows follow its writer: `%.4f` seconds, `%.2f`
/// tok/s = num_tokens / avg_time_s, num_tokens the requested maximum.
@Suite struct PaperHarnessImportTests {
    static let catalog = try! DeviceCatalog.bundled()

    /// The Pi 5: `--device cpu`, then `--device gpu-hailo`, appended to one file.
    static let piResults = """
        model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response
        qwen2.5:1.5b,CPU-Ollama,2,100,15.6250,6.40,0.8125,"The sky is blue because of Rayleigh scattering, ""mostly""\"
        qwen2.5-instruct:1.5b,GPU-Hailo-Ollama,2,100,10.0000,10.00,0.5000,The sky appears blue.

        """
    static let piDetails = """
        model,device,num_tokens,run_elapsed,elapsed_delta,run_ttft,ttft_delta,response
        qwen2.5:1.5b,CPU-Ollama,100,15.5000,-0.1250,0.8000,-0.0125,The sky is blue.
        qwen2.5:1.5b,CPU-Ollama,100,15.7500,0.1250,0.8250,0.0125,"The sky is blue because of Rayleigh scattering, ""mostly""\"
        qwen2.5-instruct:1.5b,GPU-hailo-Ollama,100,9.5000,-0.5000,0.4500,-0.0500,The sky is blue.
        qwen2.5-instruct:1.5b,GPU-hailo-Ollama,100,10.5000,0.5000,0.5500,0.0500,The sky appears blue.

        """
    /// The Jetson: `--device both` (CPU then GPU), whose GPU details the harness logs as GPU-hailo-Ollama.
    static let jetsonResults = """
        model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response
        qwen2.5:1.5b,CPU-Ollama,2,100,10.0000,10.00,0.3000,Blue.
        qwen2.5:1.5b,GPU-Ollama,2,100,4.0000,25.00,,Blue light scatters more.

        """
    static let jetsonDetails = """
        model,device,num_tokens,run_elapsed,elapsed_delta,run_ttft,ttft_delta,response
        qwen2.5:1.5b,CPU-Ollama,100,9.0000,-1.0000,0.2000,-0.1000,Blue.
        qwen2.5:1.5b,CPU-Ollama,100,11.0000,1.0000,0.4000,0.1000,Blue.
        qwen2.5:1.5b,GPU-hailo-Ollama,100,3.0000,-1.0000,0.1000,-0.0500,Blue light.
        qwen2.5:1.5b,GPU-hailo-Ollama,100,5.0000,1.0000,0.2000,0.0500,Blue light scatters more.

        """

    func reader(
        watts: [String: Double] = [:], devices: [String: String] = [:], labels: [String: String] = [:],
        aliases: ModelAliases = ModelAliases()
    ) throws -> PaperCSVReader {
        PaperCSVReader(
            catalog: Self.catalog, catalogDevices: devices, powerWatts: watts,
            labels: try PaperDeviceLabels(mappings: labels), aliases: aliases)
    }

    @Test func thePiFileImportsWithoutOptionsAndPairs() throws {
        let read = try reader().read(results: Self.piResults, file: "pi.csv", details: (Self.piDetails, "pi_details.csv"))
        let results = read.configurations.map(\.result)
        #expect(results.map(\.id) == ["CPU-Ollama/qwen2.5:1.5b", "GPU-Hailo-Ollama/qwen2.5:1.5b"])
        // GPU-hailo-Ollama, the harness's casing, is GPU-Hailo-Ollama: its two runs are the requests
        #expect(results[1].requests.map { $0.metrics[.e2eLatency] } == [9.5, 10.5])
        #expect(results[1].requests.map { $0.metrics[.ttft] } == [0.45, 0.55])
        #expect(results[1].engine.model.name == "qwen2.5-instruct:1.5b")
        #expect(results[1].model.name == "qwen2.5:1.5b")
        #expect(results.map { $0.device?.id } == ["rpi5-8gb", "rpi5-8gb-ai-hat-plus-2"])
        #expect(results.allSatisfy { $0.flags.contains(.estimated) })
        #expect(read.notes.contains(
            "qwen2.5-instruct:1.5b read as model qwen2.5:1.5b, so their rows pair with its other runtimes' "
                + "(give --model-alias SERVED=MODEL to read a name otherwise)"))
        #expect(read.notes.contains(
            "'GPU-Hailo-Ollama' rows are taken to have run on rpi5-8gb-ai-hat-plus-2, the paper's board for that label; "
                + "give --catalog-device GPU-Hailo-Ollama=CATALOG_ID if they ran elsewhere"))
        let pairs = AcceleratorGain.pairs(results)
        #expect(pairs.map(\.board) == ["rpi5-8gb"])
        #expect(pairs.map(\.model) == ["qwen2.5:1.5b"])
        #expect(pairs.first?.gain == .notAvailable("no energy measured for CPU configuration CPU-Ollama/qwen2.5:1.5b"))
    }

    /// accelerator_gain = energy_per_token(CPU) / energy_per_token(accelerated) (METRICS.md), with
    /// energy_per_token = P / e2e_throughput: (6.4 W / 6.40 tok/s) / (3.2 W / 10.00 tok/s) = 1 / 0.32.
    @Test func aliasedRowsGiveTheGain() throws {
        let watts = ["CPU-Ollama": 6.4, "GPU-Hailo-Ollama": 3.2]
        let results = try reader(watts: watts).read(results: Self.piResults, file: "pi.csv", details: nil)
            .configurations.map(\.result)
        #expect(results.map { $0.summary[.energyPerToken]?.mean } == [1.0, 0.32])
        let gain = try #require(AcceleratorGain.pairs(results).first?.gain.number)
        #expect(abs(gain - 3.125) < 1e-12)
        // with the same power on both, the gain is the throughput ratio: 10.00 / 6.40
        let same = try reader(watts: ["CPU-Ollama": 5, "GPU-Hailo-Ollama": 5])
            .read(results: Self.piResults, file: "pi.csv", details: nil).configurations.map(\.result)
        let ratio = try #require(AcceleratorGain.pairs(same).first?.gain.number)
        #expect(abs(ratio - 10.0 / 6.4) < 1e-12)
    }

    @Test func withoutTheBuiltInNamesTheRuntimesDoNotPair() throws {
        let results = try reader(aliases: ModelAliases(builtIn: false))
            .read(results: Self.piResults, file: "pi.csv", details: nil).configurations.map(\.result)
        #expect(results.map(\.id) == ["CPU-Ollama/qwen2.5:1.5b", "GPU-Hailo-Ollama/qwen2.5-instruct:1.5b"])
        #expect(AcceleratorGain.pairs(results).isEmpty)
    }

    /// The three runtimes' names of Qwen2.5 1.5B are one model; `--model-alias` and a plan's `served:` map
    /// add names and win over the table.
    @Test func modelNamesReadAsOne() {
        let aliases = ModelAliases()
        #expect(["qwen2.5:1.5b", "qwen2.5-instruct:1.5b", "qwen2.5-1.5B-ax630c", "QWEN2.5-1.5b-AX630C"].map(aliases.model)
            == ["qwen2.5:1.5b", "qwen2.5:1.5b", "qwen2.5:1.5b", "qwen2.5:1.5b"])
        #expect(aliases.model("llama3.2-1B-prefill-ax630c") == "llama3.2:1b")
        #expect(aliases.model("deepseek_r1:1.5b") == "deepseek-r1:1.5b")
        var given = ModelAliases()
        given.add(plan: [
            ModelSpec(
                name: "qwen2.5-1.5b",
                servedBy: ["ollama": "qwen2.5:1.5b", "hailo-ollama": "qwen2.5-instruct:1.5b", "stackflow": "qwen2.5-1.5B-ax630c"])
        ])
        given.add("qwen2:1.5b", "qwen2.5-1.5b")
        #expect(["qwen2.5:1.5b", "qwen2.5-instruct:1.5b", "qwen2.5-1.5B-ax630c", "qwen2:1.5b"].map(given.model)
            == ["qwen2.5-1.5b", "qwen2.5-1.5b", "qwen2.5-1.5b", "qwen2.5-1.5b"])
        #expect(given.model("llama3.2:1b") == "llama3.2:1b")
    }

    @Test func theJetsonGPUDetailsLoggedUnderTheHailoLabelAreGPUOllamas() throws {
        let read = try reader().read(
            results: Self.jetsonResults, file: "jetson.csv", details: (Self.jetsonDetails, "jetson_details.csv"))
        let results = read.configurations.map(\.result)
        #expect(results.map(\.id) == ["CPU-Ollama/qwen2.5:1.5b", "GPU-Ollama/qwen2.5:1.5b"])
        #expect(results[1].requests.map { $0.metrics[.e2eLatency] } == [3.0, 5.0])
        #expect(results[1].requests.map(\.response) == ["Blue light.", "Blue light scatters more."])
        #expect(results.map { $0.device?.id } == ["jetson-orin-nano-super", "jetson-orin-nano-super"])
        #expect(read.notes.contains(
            "jetson_details.csv: the 'GPU-hailo-Ollama' rows of model 'qwen2.5:1.5b' are the details of its GPU-Ollama row "
                + "(the harness logs its GPU-Ollama runs under that label)"))
        #expect(!read.notes.contains { $0.contains("have no row") })
        #expect(AcceleratorGain.pairs(results).map(\.acceleratedConfiguration) == ["GPU-Ollama/qwen2.5:1.5b"])
    }

    @Test func anEmptyTTFTIsNoTTFT() throws {
        let results = try reader().read(results: Self.jetsonResults, file: "jetson.csv", details: nil)
            .configurations.map(\.result)
        #expect(results[0].summary[.ttft]?.mean == 0.3)
        #expect(results[1].summary[.ttft] == nil)
        #expect(results[1].summary[.e2eThroughput]?.mean == 25)
    }

    @Test func gpuDetailsOfBothGPURowsCannotBeToldApart() {
        let results = Self.jetsonResults + "qwen2.5:1.5b,GPU-Hailo-Ollama,2,100,10.0000,10.00,0.5000,ok\n"
        #expect(message { _ = try reader().read(results: results, file: "r.csv", details: (Self.jetsonDetails, "d.csv")) }
            == "d.csv:4: the 'GPU-hailo-Ollama' rows of model 'qwen2.5:1.5b' cannot be told apart: the harness writes that "
            + "label in the details of both its GPU-Ollama and GPU-Hailo-Ollama runs, and the results have both; "
            + "relabel the GPU-Ollama runs' rows GPU-Ollama")
    }

    /// `--label` maps any label to a configuration, with its board.
    @Test func labelsOfYourOwnAreMapped() throws {
        let text = """
            model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response
            qwen2.5:1.5b,Pi-CPU,5,100,15.6250,6.40,0.8125,ok
            qwen2.5-instruct:1.5b,NPU,5,100,10.0000,10.00,0.5000,ok

            """
        let read = try reader(labels: ["pi-cpu": "CPU-Ollama@rpi5-8gb", "NPU": "gpu-hailo-ollama"])
            .read(results: text, file: "r.csv", details: nil)
        let results = read.configurations.map(\.result)
        #expect(results.map(\.id) == ["CPU-Ollama@rpi5-8gb/qwen2.5:1.5b", "GPU-Hailo-Ollama/qwen2.5:1.5b"])
        #expect(results.map { $0.device?.id } == ["rpi5-8gb", "rpi5-8gb-ai-hat-plus-2"])
        #expect(results.map(\.engine.adapter) == ["ollama", "hailo-ollama"])
        #expect(AcceleratorGain.pairs(results).count == 1)
        #expect(message { _ = try PaperDeviceLabels(mappings: ["Pi-CPU": "Raspberry"]) }
            == "--label Pi-CPU=Raspberry: 'Raspberry' is not a configuration; write one of CPU-Ollama, GPU-Ollama, "
            + "GPU-Hailo-Ollama, AX630, or CPU-KIND / GPU-KIND / KIND with KIND one of managed, llamacpp, openai, ollama, "
            + "hailo-ollama, stackflow, llama-bench, optionally @CATALOG_ID, e.g. --label Pi-CPU=CPU-Ollama@rpi5-8gb")
        let unknownBoard = text.replacingOccurrences(of: "Pi-CPU", with: "CPU-Ollama@rpi5")
            .replacingOccurrences(of: "NPU", with: "GPU-Hailo-Ollama")
        #expect(message { _ = try reader().read(results: unknownBoard, file: "r.csv", details: nil) }.hasPrefix(
            "r.csv:2: label 'CPU-Ollama@rpi5' names the board 'rpi5', which is not in the device catalog; known: "))
    }

    @Test func anUnknownDetailsLabelNamesItsLine() {
        let details = Self.piDetails.replacingOccurrences(of: "qwen2.5:1.5b,CPU-Ollama,100,15.7500", with: "qwen2.5:1.5b,Pi,100,15.7500")
        #expect(message { _ = try reader().read(results: Self.piResults, file: "pi.csv", details: (details, "d.csv")) }
            == "d.csv:3: unknown device label 'Pi'; the harness writes CPU-Ollama, GPU-Ollama, GPU-Hailo-Ollama, AX630 "
            + "(any casing); map any other label to a configuration with --label LABEL=CONFIGURATION, e.g. --label Pi-CPU=CPU-Ollama@rpi5-8gb")
    }
}
