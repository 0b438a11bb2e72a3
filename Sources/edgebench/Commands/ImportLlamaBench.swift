import ArgumentParser
import EdgeBenchRunner
import Foundation

extension Import {
    struct LlamaBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "llama-bench",
            abstract: "Import llama-bench output (-o json, jsonl, csv or md) as configurations of a new run.",
            discussion: """
                A pp test and a tg test with the same settings become one configuration: server_prefill_rate from pp, server_decode_rate from tg (tok/s). A combined test (-pg, "pp512+tg128") becomes e2e_throughput: generated tokens over the time of prompt and generation. Where llama-bench listed each repetition (JSON), each is stored as a measured request; markdown and CSV give only mean ± standard deviation, stored as the summary.

                The run's machine is what the output says (its cpu_info; the GPU is named in each configuration's offload), never the machine importing. Results go where `edgebench run` writes them: <output>/<run id>/ and the SQLite database.

                Examples:
                  llama-bench -m model.gguf -o json > bench.json && edgebench import llama-bench bench.json
                  edgebench import llama-bench notes.md other.csv --output results
                """)

        @Argument(help: "Files llama-bench wrote (its stdout; a shell prompt or ggml lines around it are fine).")
        var files: [String]

        @OptionGroup var destination: ImportDestination

        func run() throws {
            try Import.storeRun(json: destination.json) {
                try LlamaBenchImporter(outputRoot: URL(fileURLWithPath: destination.output), databasePath: destination.db)
                    .run(files: files.map { URL(fileURLWithPath: $0) })
            }
        }
    }
}
