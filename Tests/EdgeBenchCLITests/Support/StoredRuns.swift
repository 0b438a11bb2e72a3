import Foundation
import Testing

/// Real runs made by the binary itself, for the commands that read stored runs.
enum StoredRuns {
    /// The paper harness's CSV: two boards of the catalog, one with a display-only meter's watts.
    static let paperCSV = """
        model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response
        qwen2.5:1.5b,AX630,5,128,37.21,3.44,1.05,ok
        qwen2.5:1.5b,CPU-Ollama,5,128,20.0,6.4,0.8,ok

        """

    /// `edgebench import paper-csv` into `directory/edgebench-results`; returns the run directory.
    static func paperRun(in directory: URL) async throws -> String {
        _ = try Scratch.write(paperCSV, named: "benchmark_results.csv", in: directory)
        let result = try await CLI.run(
            ["import", "paper-csv", "benchmark_results.csv", "--catalog-device", "AX630=m5stack-module-llm",
             "--catalog-device", "CPU-Ollama=rpi5-8gb", "--power-watts", "AX630=1.5", "--power-watts",
             "CPU-Ollama=6.0"], in: directory)
        try #require(result.status == 0, "\(result)")
        return try runDirectory(result)
    }

    /// `edgebench import llama-bench` of the b11434 capture into `directory/edgebench-results`.
    static func llamaBenchRun(in directory: URL) async throws -> String {
        let result = try await CLI.run(
            ["import", "llama-bench", try CLIFixtures.path(CLIFixtures.llamaBenchJSON)], in: directory)
        try #require(result.status == 0, "\(result)")
        return try runDirectory(result)
    }

    /// The "results: DIR" line every storing command writes to stderr.
    static func runDirectory(_ result: CLI.Result) throws -> String {
        try #require(
            result.stderr.split(separator: "\n").first { $0.hasPrefix("results: ") }.map { String($0.dropFirst(9)) },
            "no results line in \(result)")
    }
}
