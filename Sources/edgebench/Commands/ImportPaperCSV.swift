import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchRunner
import Foundation

extension Import {
    struct PaperCSVCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "paper-csv",
            abstract: "Import the methodology's original harness CSV (benchmark_results.csv) as configurations of a new run.",
            discussion: """
                Each (model, device) row becomes one configuration named DEVICE/MODEL: e2e_throughput = avg_tokens_per_sec (tok/s), e2e_latency = avg_time_s (s), ttft = avg_ttft_s (s), n_out = num_tokens, n = num_runs.

                Device labels, in any casing (the harness writes GPU-hailo-Ollama in its details): CPU-Ollama and GPU-Ollama (Ollama, offload none / all), GPU-Hailo-Ollama (hailo-ollama), AX630 (StackFlow). EdgeBench's own benchmark_results.csv also writes CPU-KIND, GPU-KIND or KIND for other engine kinds, @CATALOG_ID for the board and #WORKLOAD when a run has several (e.g. CPU-Ollama@rpi5-8gb). Any other label is mapped with --label LABEL=CONFIGURATION, CONFIGURATION written the same way.

                Boards: GPU-Ollama rows are taken to have run on jetson-orin-nano-super, GPU-Hailo-Ollama on rpi5-8gb-ai-hat-plus-2 and AX630 on m5stack-module-llm (the paper's boards); CPU-Ollama on the board of the file's GPU rows (the harness measured both on one machine). A note says each; --catalog-device says otherwise.

                Model names: each runtime names one model its own way. hailo-ollama's and StackFlow's names of models Ollama also serves read as Ollama's tag (qwen2.5-instruct:1.5b and qwen2.5-1.5B-ax630c as qwen2.5:1.5b; llama3.2-1B-prefill-ax630c as llama3.2:1b; deepseek-r1-1.5B-ax630c and deepseek_r1:1.5b as deepseek-r1:1.5b; qwen2.5-0.5B-prefill-20e as qwen2.5:0.5b; qwen2.5-coder-0.5B-ax630c as qwen2.5-coder:0.5b), so their rows pair for accelerator_gain. --plan reads a plan's served: maps, --model-alias adds or replaces one name, --no-model-aliases drops the built-in table.

                Mean power read off a display-only meter, per label (--power-watts) or per row (a power_w column), gives mean_power (W) and energy_per_token = P / e2e_throughput (J/token, numerically the paper's MJ/Mtok), flagged manual at the wall (wall_ac).

                The harness counted the requested maximum (num_predict) as generated tokens: every imported figure is flagged estimated, and `edgebench analyze` says what the figure as printed is. EdgeBench's own files (a tokens_counted column) hold counted tokens and are not flagged.

                Examples:
                  edgebench import paper-csv benchmark_results.csv --details benchmark_results_details.csv \\
                    --power-watts AX630=1.4 --power-watts GPU-Hailo-Ollama=3.6 --power-watts CPU-Ollama=3.2
                  edgebench import paper-csv pi.csv --label Pi-CPU=CPU-Ollama@rpi5-8gb --label NPU=GPU-Hailo-Ollama
                  edgebench import paper-csv benchmark_results.csv --model-alias qwen2:1.5b=qwen2.5:1.5b
                  edgebench import paper-csv benchmark_results.csv --plan examples/methodology.yaml
                """)

        @Argument(help: "benchmark_results.csv as the harness wrote it.")
        var results: String

        @Option(help: "benchmark_results_details.csv (one row per run): stored as measured requests.")
        var details: String?

        @Option(
            name: .customLong("catalog-device"),
            help: "LABEL=CATALOG_ID: the board a device label ran on (repeatable), e.g. AX630=m5stack-module-llm.")
        var catalogDevices: [String] = []

        @Option(
            name: .customLong("power-watts"),
            help: "LABEL=W: mean power read off a display-only meter for a device label (repeatable).")
        var powerWatts: [String] = []

        @Option(
            name: .customLong("label"),
            help: "LABEL=CONFIGURATION: read a device label as a configuration (repeatable), e.g. Pi-CPU=CPU-Ollama@rpi5-8gb.")
        var labels: [String] = []

        @Option(
            name: .customLong("model-alias"),
            help: "SERVED=MODEL: read a served model name as MODEL (repeatable), e.g. qwen2.5-instruct:1.5b=qwen2.5:1.5b.")
        var modelAliases: [String] = []

        @Option(help: "A plan whose models' served: maps name the models (e.g. examples/methodology.yaml).")
        var plan: String?

        @Flag(help: "Do not read the built-in model names of the paper's runtimes as one model.")
        var noModelAliases = false

        @OptionGroup var destination: ImportDestination

        func validate() throws {
            _ = try Self.pairs(catalogDevices, option: "--catalog-device", example: "AX630=m5stack-module-llm")
            _ = try Self.pairs(labels, option: "--label", example: "Pi-CPU=CPU-Ollama@rpi5-8gb")
            _ = try Self.pairs(modelAliases, option: "--model-alias", example: "qwen2.5-instruct:1.5b=qwen2.5:1.5b")
            for (label, text) in try Self.pairs(powerWatts, option: "--power-watts", example: "AX630=1.4") {
                guard let watts = Double(text), watts > 0, watts.isFinite else {
                    throw ValidationError("--power-watts \(label)=\(text): the power must be a number of watts > 0")
                }
            }
        }

        /// `LABEL=VALUE` options as a dictionary; a label given twice is a mistake.
        static func pairs(_ items: [String], option: String, example: String) throws -> [String: String] {
            var result: [String: String] = [:]
            for item in items {
                guard let equals = item.firstIndex(of: "="), equals != item.startIndex, item.index(after: equals) != item.endIndex
                else { throw ValidationError("\(option) must be LABEL=VALUE, e.g. \(example), got \(item)") }
                let label = String(item[..<equals])
                guard result[label] == nil else { throw ValidationError("\(option) gives \(label) twice; give it once") }
                result[label] = String(item[item.index(after: equals)...])
            }
            return result
        }

        func run() throws {
            try Import.storeRun(json: destination.json) {
                let catalog = try DeviceCatalog.bundled()
                var aliases = ModelAliases(builtIn: !noModelAliases)
                if let plan { aliases.add(plan: try PaperCSVImporter.planModels(plan)) }
                for (served, model) in try Self.pairs(modelAliases, option: "--model-alias", example: "").sorted(by: { $0.key < $1.key }) {
                    aliases.add(served, model)
                }
                let importer = PaperCSVImporter(
                    outputRoot: URL(fileURLWithPath: destination.output), databasePath: destination.db, catalog: catalog,
                    catalogDevices: try Self.pairs(catalogDevices, option: "--catalog-device", example: ""),
                    powerWatts: try Self.pairs(powerWatts, option: "--power-watts", example: "").compactMapValues(Double.init),
                    labels: try Self.pairs(labels, option: "--label", example: ""), aliases: aliases)
                return try importer.run(
                    results: URL(fileURLWithPath: results), details: details.map { URL(fileURLWithPath: $0) })
            }
        }
    }
}
