import EdgeBenchCore
import Testing

@testable import EdgeBenchAnalysis

/// An imported harness figure flagged `estimated` says why: the harness divided the requested maximum by
/// the elapsed time; the real count is unknown without the model's tokenizer.
@Suite struct RequestedCapNoteTests {
    static func bundle(planName: String, tokens: Double, flags: [Flag] = [.estimated]) -> ResultBundle {
        var configuration = AnalysisFixtures.configuration(
            "AX630/qwen2.5:1.5b", metrics: [.nOut: tokens, .e2eThroughput: 73.81, .e2eLatency: 1.3548])
        configuration.workload = Workload(name: "paper", request: GenerationRequest(prompt: "", maxTokens: 100))
        configuration.flags = flags
        configuration.engine.model = ModelInfo(name: "qwen2.5-1.5B-ax630c")
        return ResultBundle(
            run: RunInfo(id: "r", startedAt: "2026-12-07T12:00:00Z", edgebenchVersion: "t", planHash: "h", planName: planName),
            environment: Environment(
                hostname: "unknown", board: nil, cpuModel: nil, cpuCores: 0, memoryBytes: nil, os: nil, kernel: nil,
                architecture: nil),
            configurations: [configuration])
    }

    @Test func aHarnessFigureSaysHowItWasMade() {
        let report = Analysis.analyze(
            bundles: [Self.bundle(planName: RequestedCapNote.importPlanName, tokens: 100)], objectives: [])
        #expect(report.configurations.first?.derived.notes.last == """
            the harness's tok/s divides the requested maximum of 100 tokens (num_predict) by the elapsed time, not the \
            tokens the model returned: it printed 73.81 tok/s (100 tokens / 1.3548 s), and e2e_throughput (73.81 tok/s), \
            n_out and energy_per_token here rest on that count; the real count is unknown (no tokenizer for \
            qwen2.5-1.5B-ax630c to count the responses), so the real n_out and e2e_throughput are at most these figures \
            and energy_per_token at least its own (a model returns at most num_predict tokens)
            """)
    }

    @Test func countedFiguresAndRunsSayNothing() {
        let counted = Self.bundle(planName: RequestedCapNote.importPlanName, tokens: 100, flags: [])
        let below = Self.bundle(planName: RequestedCapNote.importPlanName, tokens: 97.5)
        let run = Self.bundle(planName: "cloud-to-edge", tokens: 100)
        for bundle in [counted, below, run] {
            let notes = Analysis.analyze(bundles: [bundle], objectives: []).configurations.first?.derived.notes ?? []
            #expect(!notes.contains { $0.contains("num_predict") })
        }
    }
}
