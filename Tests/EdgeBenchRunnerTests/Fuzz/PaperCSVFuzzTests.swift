import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchRunner

/// The paper harness's benchmark_results.csv and details CSV, mutated (issue 13.10: `num_tokens` 1e19
/// crashed the import with SIGILL). Every mutation imports or is refused naming the file and row.
@Suite struct PaperCSVFuzzTests {
    static let details = """
        model,device,run,num_tokens,run_elapsed,run_ttft,response
        qwen2.5:1.5b,AX630,1,128,37.0,1.0,"Hello, ""edge"" ok"
        qwen2.5:1.5b,AX630,2,128,37.4,1.1,ok
        qwen2.5:1.5b,CPU-Ollama,1,128,20.0,0.8,ok

        """

    func reader() -> PaperCSVReader {
        PaperCSVReader(
            catalog: PaperCSVImportTests.catalog, catalogDevices: ["AX630": "m5stack-module-llm"], powerWatts: ["AX630": 1.5])
    }

    @Test func aTokenCountBeyondIntIsAnErrorOnItsRow() throws {
        let text = PaperCSVImportTests.results.replacingOccurrences(of: "AX630,5,128,", with: "AX630,5,1e19,")
        #expect(throws: ImportError.self) { try reader().read(results: text, file: "r.csv", details: nil) }
        do {
            _ = try reader().read(results: text, file: "r.csv", details: nil)
        } catch let error as ImportError {
            #expect(String(describing: error) == "r.csv:2: 'num_tokens' must be a number from 1 to 1000000000000, got \"1e19\"")
        }
        let runs = PaperCSVImportTests.results.replacingOccurrences(of: "CPU-Ollama,5,", with: "CPU-Ollama,99999999999999999999,")
        #expect(throws: ImportError.self) { try reader().read(results: runs, file: "r.csv", details: nil) }
    }

    @Test func mutatedResultsAndDetailsImportOrAreRefusedByRow() throws {
        let inputs = [
            Fuzz.Input(name: "benchmark_results.csv", bytes: Array(PaperCSVImportTests.results.utf8)),
            Fuzz.Input(name: "benchmark_details.csv", bytes: Array(Self.details.utf8)),
        ]
        let outcome = Fuzz.run(inputs, count: 1500, seed: 13_10_4) { message, input in
            message.hasPrefix(input.name + ":") && !message.contains("Swift.")
        } parse: { bytes, input in
            let text = String(decoding: bytes, as: UTF8.self)
            if input.name == "benchmark_results.csv" {
                _ = try reader().read(results: text, file: input.name, details: nil)
            } else {
                _ = try reader().read(
                    results: PaperCSVImportTests.results, file: "benchmark_results.csv", details: (text, input.name))
            }
        }
        #expect(outcome.total == 3000)
        #expect(outcome.accepted > 300)
        #expect(outcome.refused > 300)
        #expect(outcome.unclear == [])
    }
}
