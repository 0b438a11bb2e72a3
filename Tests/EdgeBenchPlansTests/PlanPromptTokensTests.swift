import EdgeBenchCore
import EdgeBenchPlans
import Foundation
import Testing

/// `prompt_tokens` (issue 15): a workload key that builds prompts to a length, a list of them an axis.
@Suite("Plan prompt_tokens")
struct PlanPromptTokensTests {
    static func plan(engine: String = "{name: local, kind: managed, context: 4096}", workload: String, extra: String = "") -> String {
        """
        engines:
          - \(engine)
        models:
          - {name: smollm2, file: smollm2-135m}
        workloads:
        \(workload)
        \(extra)
        """
    }

    @Test func aListExpandsIntoOneWorkloadPerLength() throws {
        let plan = try PlanLoader.parse(
            Self.plan(workload: """
                  - name: long
                    prompt_tokens: [128, 512, 2048, 512]
                    max_tokens: 16
                    api: completion
                  - {name: short, prompt: Hi, max_tokens: 8}
                """),
            file: "plan.yaml", baseDirectory: nil)
        let configurations = plan.expand()
        #expect(configurations.map(\.id) == [
            "local/smollm2/long-p128", "local/smollm2/long-p512", "local/smollm2/long-p2048", "local/smollm2/short",
        ])
        #expect(configurations.map(\.workload.name) == ["long-p128", "long-p512", "long-p2048", "short"])
        #expect(configurations.map(\.workload.promptTokens) == [128, 512, 2048, nil])
        // no prompt given: the built-in filler, and an instruction to answer
        #expect(configurations[0].workload.request.prompt == PromptFiller.defaultSource)
        #expect(configurations[0].workload.promptInstruction == "Summarise the text above in one sentence.")
        #expect(configurations[0].workload.request.api == .completion)
        #expect(configurations[0].workload.request.maxTokens == 16)
        #expect(configurations[3].workload.promptInstruction == nil)
        #expect(plan.promptLengths == ["long": [128, 512, 2048]])
        #expect(configurations.allSatisfy { $0.workload.builtPrompt == nil })
    }

    /// One length is the workload's own setting (like an engine's `threads: 2`): its name stays.
    @Test func oneLengthKeepsTheNameAndAGivenPromptIsTheFiller() throws {
        let plan = try PlanLoader.parse(
            Self.plan(workload: """
                  - {name: doc, prompt: "Edge boards run models locally.", prompt_tokens: 300, max_tokens: 4}
                """),
            file: "plan.yaml", baseDirectory: nil)
        let configuration = try #require(plan.expand().first)
        #expect(plan.expand().map(\.id) == ["local/smollm2/doc"])
        #expect(configuration.workload.promptTokens == 300)
        #expect(configuration.workload.request.prompt == "Edge boards run models locally.")
        #expect(configuration.workload.promptInstruction == nil)
        #expect(plan.promptLengths == [:])
    }

    @Test func excludeTakesAPromptLength() throws {
        let plan = try PlanLoader.parse(
            Self.plan(
                workload: "  - {name: long, prompt_tokens: [128, 2048], max_tokens: 16}\n  - {name: short, prompt: Hi, max_tokens: 8}",
                extra: "exclude:\n  - {engine: local, prompt_tokens: 2048}"),
            file: "plan.yaml", baseDirectory: nil)
        #expect(plan.expand().map(\.id) == ["local/smollm2/long-p128", "local/smollm2/short"])
    }

    @Test func zeroNegativeAndEmptyLengthsAreErrorsWithLineAndColumn() {
        #expect(errors(Self.plan(workload: "  - {name: long, prompt_tokens: 0, max_tokens: 16}")) == [
            "plan.yaml:6:33: error: 'prompt_tokens' must be a positive integer, got \"0\"",
        ])
        #expect(errors(Self.plan(workload: """
              - name: long
                prompt_tokens: [128, -5, many]
                max_tokens: 16
            """)) == [
            "plan.yaml:7:26: error: 'prompt_tokens' must be a positive integer, got \"-5\"",
            "plan.yaml:7:30: error: 'prompt_tokens' must be a positive integer, got \"many\"",
        ])
        #expect(errors(Self.plan(workload: "  - {name: long, prompt_tokens: 20000000, max_tokens: 16}")) == [
            "plan.yaml:6:33: error: 'prompt_tokens' must be at most 10000000 (no model reads a longer context), got \"20000000\"",
        ])
        #expect(errors(Self.plan(workload: "  - {name: long, prompt_tokens: [], max_tokens: 16}")) == [
            "plan.yaml:6:33: error: 'prompt_tokens' is empty; list at least one length, e.g. prompt_tokens: [128, 512, 2048]",
        ])
        #expect(errors(Self.plan(workload: "  - {name: long, prompt: \"\", prompt_tokens: 64, max_tokens: 16}")) == [
            "plan.yaml:6:26: error: workload 'long' builds its prompt from 'prompt' (prompt_tokens), which is empty; "
                + "give it text to repeat, or leave 'prompt' out for the built-in filler",
        ])
    }

    /// A prompt over the context would be cut or refused mid-run: the plan says so, naming both numbers.
    @Test func aPromptOverAManagedEnginesContextIsAPlanError() {
        #expect(errors(Self.plan(workload: """
              - name: long
                prompt_tokens: [128, 4090, 8192]
                max_tokens: 16
            """)) == [
            "plan.yaml:7:26: error: workload 'long' needs prompt_tokens 4090 + max_tokens 16 = 4106 tokens of context, "
                + "but managed engine 'local' has 4096 (its context); set context: 4106 or more on engine 'local', lower "
                + "prompt_tokens or max_tokens, or exclude the pair: exclude: [{engine: local, prompt_tokens: 4090}]",
            "plan.yaml:7:32: error: workload 'long' needs prompt_tokens 8192 + max_tokens 16 = 8208 tokens of context, "
                + "but managed engine 'local' has 4096 (its context); set context: 8208 or more on engine 'local', lower "
                + "prompt_tokens or max_tokens, or exclude the pair: exclude: [{engine: local, prompt_tokens: 8192}]",
        ])
        // no context given: the 2048 EdgeBench starts llama-server with
        #expect(errors(Self.plan(
            engine: "{name: local, kind: managed}", workload: "  - {name: long, prompt_tokens: 2048, max_tokens: 16}"))
            == [
                "plan.yaml:6:33: error: workload 'long' needs prompt_tokens 2048 + max_tokens 16 = 2064 tokens of context, "
                    + "but managed engine 'local' has 2048 (the context EdgeBench starts it with when 'context' is not set); "
                    + "set context: 2064 or more on engine 'local', lower prompt_tokens or max_tokens, or exclude the pair: "
                    + "exclude: [{engine: local, prompt_tokens: 2048}]",
            ])
        // exactly full fits; excluding the pair is a fix; a remote server's context is checked when the run reaches it
        #expect(errors(Self.plan(workload: "  - {name: long, prompt_tokens: 4080, max_tokens: 16}")) == [])
        #expect(errors(Self.plan(
            workload: "  - {name: long, prompt_tokens: [128, 8192], max_tokens: 16}",
            extra: "exclude:\n  - {prompt_tokens: 8192}")) == [])
        // a max_tokens near Int.max does not overflow the sum: it is simply over
        #expect(errors(Self.plan(workload: "  - {name: long, prompt_tokens: 128, max_tokens: 9223372036854775807}")).first?
            .hasPrefix("plan.yaml:6:33: error: workload 'long' needs prompt_tokens 128 + max_tokens 9223372036854775807 = "
                + "9223372036854775807 tokens of context, but managed engine 'local' has 4096 (its context)") == true)
        #expect(errors(Self.plan(
            engine: "{name: remote, kind: llamacpp, url: \"http://127.0.0.1:8080\"}",
            workload: "  - {name: long, prompt_tokens: 8192, max_tokens: 16}")) == [])
    }

    /// A matrix context axis: each variant is checked with its own context.
    @Test func eachContextOfTheMatrixIsChecked() {
        #expect(errors(Self.plan(
            engine: "{name: local, kind: managed}", workload: "  - {name: long, prompt_tokens: 3000, max_tokens: 16}",
            extra: "matrix:\n  context: [2048, 4096]")) == [
                "plan.yaml:6:33: error: workload 'long' needs prompt_tokens 3000 + max_tokens 16 = 3016 tokens of context, "
                    + "but managed engine 'local-ctx2048' has 2048 (the matrix's context); lower prompt_tokens or max_tokens, "
                    + "take 2048 out of the matrix's context, or exclude the pair: "
                    + "exclude: [{engine: local, context: 2048, prompt_tokens: 3000}]",
            ])
    }
}
