import EdgeBenchCore
import EdgeBenchTesting
import Testing

@testable import EdgeBenchReports

@Suite struct MarkdownReportTests {
    let text = MarkdownReport.render(SampleBundle.bundle)
    var lines: [String] { text.components(separatedBy: "\n") }

    @Test func headerNamesEveryMetricWithItsUnit() {
        #expect(
            lines.contains(
                "| id | status | n | ttft (s) | decode_rate (tok/s) | e2e_throughput (tok/s) | prefill_rate (tok/s) "
                    + "| server_prefill_rate (tok/s) | server_decode_rate (tok/s) | e2e_latency (s) | flags |"))
        #expect(lines.contains("| :-- | :-- | --: | --: | --: | --: | --: | --: | --: | --: | :-- |"))
    }

    @Test func rowsShowMeanAndStddevWithDashForMissing() {
        #expect(
            lines.contains(
                "| `managed/smollm2/short` | completed | 3 | 0.300 ± 0.050 | 66.3 ± 1.2 | 46.8 ± 5.9 | 44.0 ± 4.0 | – | – "
                    + "| 1.35 ± 0.13 | few_samples |"))
        #expect(lines.contains("| `openai/gemma3/short` | failed | 0 | – | – | – | – | – | – | – | – |"))
    }

    @Test func provenanceNamesMachineEngineAndModel() {
        #expect(
            lines.contains(
                "Machine: Raspberry Pi 5 Model B Rev 1.0 · Cortex-A76 × 4, Debian GNU/Linux 12 (bookworm), "
                    + "kernel 6.6.51+rpt-rpi-2712; EdgeBench 0.1.0, run started 2025-11-23T10:00:00Z."))
        #expect(
            lines.contains(
                "- `managed/smollm2/short`: llama.cpp b11434, offload 0 layers (CPU); "
                    + "model SmolLM2-135M-Instruct-Q4_1.gguf (sha256 3f2a9c1e5b7d…, Q4_1)"))
        #expect(lines.contains("- `openai/gemma3/short`: vLLM (version unknown); model gemma3-270m"))
    }

    @Test func failuresAndDefinitionsFollowTheTable() {
        #expect(
            lines.contains(
                "- `openai/gemma3/short` failed: engine at http://127.0.0.1:8080 did not answer within 30 s; "
                    + "check that it runs"))
        #expect(lines.contains("- `ttft` (s): t_first − t_submit"))
        #expect(lines.contains("- `decode_rate` (tok/s): (N_out − 1) / decode_time"))
        #expect(lines.contains("- `e2e_throughput` (tok/s): N_out / e2e_latency"))
        #expect(lines.first == "## EdgeBench results: pi5-smoke (run run-1)")
    }

    @Test func pipesInTextCannotBreakTheTable() {
        #expect(MarkdownReport.escape("a|b*c") == "a\\|b\\*c")
    }
}

@Suite struct NumberTextTests {
    @Test func spreadGetsTwoSignificantDigitsAndTheMeanTheSamePlaces() {
        #expect(NumberText.meanAndSpread(0.3, 0.05) == "0.300 ± 0.050")
        #expect(NumberText.meanAndSpread(1.35, 0.13228756555322954) == "1.35 ± 0.13")
        #expect(NumberText.meanAndSpread(1234.6, 56.7) == "1235 ± 57")
        // a tiny spread does not earn the mean more than six significant digits
        #expect(NumberText.meanAndSpread(45.678, 0.0001) == "45.6780 ± 0.0001")
    }

    @Test func withoutSpreadTheMeanGetsFourSignificantDigits() {
        #expect(NumberText.meanAndSpread(1234.5678, nil) == "1235")
        #expect(NumberText.meanAndSpread(0.0123456, nil) == "0.01235")
        #expect(NumberText.meanAndSpread(1.5, 0) == "1.500")
        // a manual meter's constant 6.4 W: its spread is the rounding noise of summing it, not a spread
        #expect(NumberText.meanAndSpread(6.4, 8.881784197001252e-16) == "6.400")
        #expect(NumberText.meanAndSpread(0, nil) == "0")
    }

    @Test func nonFiniteIsMissingNeverAFakeNumber() {
        #expect(NumberText.meanAndSpread(.nan, 1) == "–")
        #expect(NumberText.meanAndSpread(.infinity, nil) == "–")
        #expect(NumberText.csv(.nan) == "")
    }

    @Test func csvNumbersAreShortAndExactEnough() {
        #expect(NumberText.csv(64) == "64")
        #expect(NumberText.csv(1.25 - 1.35) == "-0.1")
        #expect(NumberText.csv(62.666666666666664) == "62.6666666667")
        #expect(NumberText.csv(0.000012) == "1.2e-05")
    }
}
