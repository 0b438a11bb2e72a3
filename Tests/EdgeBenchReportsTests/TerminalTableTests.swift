import EdgeBenchCore
import EdgeBenchTesting
import Testing

@testable import EdgeBenchReports

@Suite struct TerminalTableTests {
    func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: width - text.count)
        return right ? padding + text : text + padding
    }

    // column widths of the sample: 21, 9, 1, 13, 11, 14, 12, 19, 18, 11, 11 plus 10 gaps of 2 = 160
    @Test func alignedTableWhenItFits() {
        let lines = TerminalTable.render(SampleBundle.bundle, width: 160).components(separatedBy: "\n")
        #expect(lines[0] == "run run-1 · Raspberry Pi 5 Model B Rev 1.0 · Cortex-A76 × 4")
        #expect(
            lines[1]
                == [
                    pad("id", 21), pad("status", 9), "n", pad("ttft", 13, right: true),
                    "decode_rate", "e2e_throughput", "prefill_rate", "server_prefill_rate", "server_decode_rate", "e2e_latency", "flags",
                ].joined(separator: "  "))
        #expect(
            lines[2]
                == [
                    pad("", 21), pad("", 9), " ", pad("(s)", 13, right: true), pad("(tok/s)", 11, right: true),
                    pad("(tok/s)", 14, right: true), pad("(tok/s)", 12, right: true), pad("(tok/s)", 19, right: true),
                    pad("(tok/s)", 18, right: true),
                    pad("(s)", 11, right: true),
                ].joined(separator: "  "))
        #expect(
            lines[4]
                == [
                    "managed/smollm2/short", "completed", "3", "0.300 ± 0.050", pad("66.3 ± 1.2", 11, right: true),
                    pad("46.8 ± 5.9", 14, right: true), pad("44.0 ± 4.0", 12, right: true), pad("–", 19, right: true),
                    pad("–", 18, right: true),
                    "1.35 ± 0.13", "few_samples",
                ].joined(separator: "  "))
        #expect(
            lines[5]
                == [
                    pad("openai/gemma3/short", 21), pad("failed", 9), "0", pad("–", 13, right: true),
                    pad("–", 11, right: true), pad("–", 14, right: true), pad("–", 12, right: true),
                    pad("–", 19, right: true), pad("–", 18, right: true), pad("–", 11, right: true), "–",
                ].joined(separator: "  "))
        #expect(lines.dropLast().allSatisfy { $0.count <= 160 })
        #expect(!lines.joined().contains("\u{1B}"))
    }

    @Test func blocksWhenTheTableIsWiderThanTheTerminal() {
        let text = TerminalTable.render(SampleBundle.bundle, width: 138)
        let lines = text.components(separatedBy: "\n")
        #expect(lines.contains("managed/smollm2/short  completed  n=3"))
        #expect(lines.contains("  ttft (s): 0.300 ± 0.050"))
        #expect(lines.contains("  server_decode_rate (tok/s): –"))
        #expect(lines.contains("  flags: few_samples"))
        #expect(lines.contains("openai/gemma3/short  failed  n=0"))
        #expect(lines.allSatisfy { $0.count <= 138 })
    }
}
