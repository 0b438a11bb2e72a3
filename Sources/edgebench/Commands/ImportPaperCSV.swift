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
                Each (model, device) row becomes one configuration named DEVICE/MODEL: e2e_throughput = avg_tokens_per_sec (tok/s), e2e_latency = avg_time_s (s), ttft = avg_ttft_s (s), n_out = num_tokens, n = num_runs. Device labels: CPU-Ollama and GPU-Ollama (Ollama, offload none / all), GPU-Hailo-Ollama (hailo-ollama), AX630 (StackFlow).

                Mean power read off a display-only meter, per label (--power-watts) or per row (a power_w column), gives mean_power (W) and energy_per_token = P / e2e_throughput (J/token, numerically the paper's MJ/Mtok), flagged manual at the wall (wall_ac).

                The harness counted the requested maximum (num_predict) as generated tokens: every imported figure is flagged estimated.

                Example:
                  edgebench import paper-csv benchmark_results.csv --details benchmark_results_details.csv \\
                    --catalog-device AX630=m5stack-module-llm --power-watts AX630=1.4
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

        @OptionGroup var destination: ImportDestination

        func validate() throws {
            _ = try Self.pairs(catalogDevices, option: "--catalog-device", example: "AX630=m5stack-module-llm")
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
                let importer = PaperCSVImporter(
                    outputRoot: URL(fileURLWithPath: destination.output), databasePath: destination.db, catalog: catalog,
                    catalogDevices: try Self.pairs(catalogDevices, option: "--catalog-device", example: ""),
                    powerWatts: try Self.pairs(powerWatts, option: "--power-watts", example: "").compactMapValues(Double.init))
                return try importer.run(
                    results: URL(fileURLWithPath: results), details: details.map { URL(fileURLWithPath: $0) })
            }
        }
    }
}
