import EdgeBenchPlans
import Foundation
import Testing

/// Each broken plan and the exact first error it must give (file:line:column: error: message).
@Suite("Plan errors")
struct PlanErrorTests {
    static let cases: [(plan: String, error: String)] = [
        // 1: misspelt key → suggestion, and no second "missing" error for the same mistake
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - name: short
                prompt: Hi
                max_token: 64
            """,
            "plan.yaml:8:5: error: unknown key 'max_token' in workload 'short'; did you mean 'max_tokens'?"
        ),
        // 2: wrong type
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - name: short
                prompt: Hi
                max_tokens: abc
            """,
            "plan.yaml:8:17: error: 'max_tokens' must be a positive integer, got \"abc\""
        ),
        // 3: missing engine kind
        (
            """
            engines:
              - name: remote
                url: http://127.0.0.1:8080/v1
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:2:5: error: engine 'remote' needs 'kind' (one of managed, llamacpp, openai, ollama, hailo-ollama, stackflow, llama-bench)"
        ),
        // 4: kind not known
        (
            """
            engines:
              - name: remote
                kind: opnai
                url: http://127.0.0.1:8080/v1
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:3:11: error: 'kind' must be one of managed, llamacpp, openai, ollama, hailo-ollama, stackflow, llama-bench, got \"opnai\"; did you mean 'openai'?"
        ),
        // 5: openai without url
        (
            """
            engines:
              - name: remote
                kind: openai
            models:
              - {name: smollm2, served: smollm2}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:2:5: error: engine 'remote' needs 'url' (the running server's address, e.g. url: http://127.0.0.1:8080/v1)"
        ),
        // 6: neither prompt nor prompt_file
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - name: short
                max_tokens: 8
            """,
            "plan.yaml:6:5: error: workload 'short' needs 'prompt' (the text to send, or prompt_file: a file relative to the plan)"
        ),
        // 7: no max_tokens
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi}
            """,
            "plan.yaml:6:5: error: workload 'short' needs 'max_tokens' (the most tokens to generate, e.g. max_tokens: 128)"
        ),
        // 8: duplicate names
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
              - {name: smollm2, file: other.gguf}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:5:12: error: duplicate model name 'smollm2' (first at line 4); give each model its own name"
        ),
        // 9: matrix names a model that does not exist
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
              - {name: gemma3, file: gemma3-270m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            matrix:
              model: [smollm2, gemma]
            """,
            "plan.yaml:9:20: error: no model named 'gemma'; did you mean 'gemma3'? defined models: smollm2, gemma3"
        ),
        // 10: exclude names a workload that does not exist
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            exclude:
              - {workload: long}
            """,
            "plan.yaml:8:16: error: no workload named 'long'; defined workloads: short"
        ),
        // 11: YAML syntax (an unclosed quote)
        (
            """
            engines:
              - {name: local, kind: managed}
            workloads:
              - name: "short
                max_tokens: 8
            """,
            "plan.yaml:5:18: error: invalid YAML: found unexpected end of stream while scanning a quoted scalar that starts at line 4, column 11; check the indentation (spaces, not tabs) and quote text that contains ': ' or ' #'"
        ),
        // 12: everything excluded
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            exclude:
              - {model: smollm2}
            """,
            "plan.yaml:8:5: error: every configuration is excluded, so nothing would run; remove an 'exclude' entry or widen the 'matrix'"
        ),
        // 13: repetitions must be positive
        (
            """
            repetitions: 0
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:1:14: error: 'repetitions' must be a positive integer, got \"0\""
        ),
        // 14: misspelt top-level key
        (
            """
            repetiton: 3
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:1:1: error: unknown key 'repetiton' in the plan; did you mean 'repetitions'?"
        ),
        // 15: empty file
        (
            "# nothing yet\n",
            "plan.yaml:1:1: error: the plan is empty; it needs at least 'engines', 'models' and 'workloads' (see examples/quick.yaml)"
        ),
        // 16: a key written twice
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            warmup: 1
            warmup: 2
            """,
            "plan.yaml:7:1: error: duplicate key 'warmup' in one mapping; write each key once"
        ),
        // 17: a parameter axis with no managed engine
        (
            """
            engines:
              - {name: remote, kind: llamacpp, url: "http://127.0.0.1:8080"}
            models:
              - {name: smollm2}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            matrix:
              threads: [1, 2]
            """,
            "plan.yaml:8:3: error: matrix 'threads' changes how EdgeBench starts a server, so it needs a managed or ollama engine in the matrix; none is selected"
        ),
        // 18: a managed engine needs a model file
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, served: smollm2}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:4:5: error: model 'smollm2' has no 'file', but managed engine 'local' must load one; add file: smollm2-135m (an embedded model) or a path to a .gguf"
        ),
        // 19: names become ids
        (
            """
            engines:
              - {name: my/engine, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:2:12: error: engine name 'my/engine' may contain only letters, digits, '.', '-' and '_' (it becomes part of configuration ids)"
        ),
        // 20: prompt and prompt_file together
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - name: short
                prompt: Hi
                prompt_file: story.txt
                max_tokens: 8
            """,
            "plan.yaml:8:5: error: workload 'short' has both 'prompt' and 'prompt_file'; keep one of them"
        ),
        // 21: url must be http(s)
        (
            """
            engines:
              - {name: remote, kind: openai, url: "localhost:8080"}
            models:
              - {name: smollm2}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:2:39: error: 'url' must be an http:// or https:// URL, got \"localhost:8080\" (no scheme): write http://localhost:8080"
        ),
        // 22: the plan is a list, not a mapping
        (
            """
            - engines
            - models
            """,
            "plan.yaml:1:1: error: the plan must be a mapping of keys (name, description, repetitions, warmup, engines, models, workloads, matrix, exclude, devices, analysis, power, idle_seconds, min_measured_seconds, sample_rate_hz), got a list"
        ),
        // 23: engines written as a mapping
        (
            """
            engines:
              local: {kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:2:3: error: 'engines' must be a list (items start with '- '), got a mapping"
        ),
        // 24: url on a managed engine
        (
            """
            engines:
              - {name: local, kind: managed, url: "http://127.0.0.1:8080"}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:2:34: error: 'url' is for engines that connect to a running server; a managed engine runs on this machine, so remove 'url' (or change 'kind')"
        ),
        // 25: threads on a running server
        (
            """
            engines:
              - {name: remote, kind: llamacpp, url: "http://127.0.0.1:8080", threads: 4}
            models:
              - {name: smollm2}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """,
            "plan.yaml:2:66: error: 'threads' applies to managed, ollama and llama-bench engines (EdgeBench starts the engine or sends Ollama options); for kind llamacpp, set it on the server you run"
        ),
        // 26: api value
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8, api: chatt}
            """,
            "plan.yaml:6:51: error: 'api' must be chat (messages through the chat template) or completion (raw text), got \"chatt\""
        ),
        // the prompt cache: a value that is neither cold nor warm, and both spellings at once
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - name: short
                prompt: Hi
                max_tokens: 8
                cache: hot
            """,
            "plan.yaml:9:12: error: 'cache' must be cold (every request evaluates its whole prompt) or warm (the server may reuse its prompt cache), got \"hot\""
        ),
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - name: short
                prompt: Hi
                max_tokens: 8
                cache: warm
                cache_prompt: true
            """,
            "plan.yaml:10:5: error: workload 'short' has both 'cache' and 'cache_prompt'; keep 'cache' (cache_prompt: true is cache: warm)"
        ),
        // a model start that is neither warm nor cold
        (
            """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - name: short
                prompt: Hi
                max_tokens: 8
                start: lukewarm
            """,
            "plan.yaml:9:12: error: 'start' must be warm (the model stays loaded between requests, the default) or cold "
                + "(the model is unloaded before every measured request, which then waits for it to load), got \"lukewarm\""
        ),
        // a cold start on an engine that cannot unload its model: at the workload's start, with the kinds that can
        (
            """
            engines:
              - {name: local, kind: managed}
              - {name: remote, kind: llamacpp, url: "http://pi:8080"}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - name: short
                prompt: Hi
                max_tokens: 8
                start: cold
            """,
            "plan.yaml:10:12: error: workload 'short' has start: cold, but llamacpp engine 'remote' cannot unload its "
                + "model (a llama-server EdgeBench did not start keeps its model until it is restarted, which only its "
                + "owner can do); cold starts run on managed, ollama, hailo-ollama and stackflow engines: use one of "
                + "those, start: warm, or exclude the pair"
        ),
        (
            """
            engines:
              - {name: vllm, kind: openai, url: "http://gpu:8000/v1"}
            models:
              - {name: qwen, served: qwen}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8, start: cold}
            """,
            "plan.yaml:6:53: error: workload 'short' has start: cold, but openai engine 'vllm' cannot unload its model "
                + "(the OpenAI API has no request that unloads a model, and EdgeBench did not start the server); cold "
                + "starts run on managed, ollama, hailo-ollama and stackflow engines: use one of those, start: warm, or "
                + "exclude the pair"
        ),
    ]

    @Test(arguments: Array(cases.enumerated()))
    func brokenPlanGivesExactError(_ item: (offset: Int, element: (plan: String, error: String))) {
        let found = errors(item.element.plan)
        #expect(found.first == item.element.error, "case \(item.offset + 1); all errors: \(found)")
    }

    @Test func tableHasOneErrorPerPlan() {
        for (index, item) in Self.cases.enumerated() {
            #expect(errors(item.plan).count == 1, "case \(index + 1): \(errors(item.plan))")
        }
    }

    @Test func reportsEveryMistakeInFileOrder() {
        let plan = """
            repetitions: many
            engines:
              - {name: local, kind: managed, threads: 0}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: short, prompt: Hi, max_tokens: -1, temperature: hot}
            """
        #expect(errors(plan) == [
            "plan.yaml:1:14: error: 'repetitions' must be a positive integer, got \"many\"",
            "plan.yaml:3:43: error: 'threads' must be a positive integer, got \"0\"",
            "plan.yaml:7:43: error: 'max_tokens' must be a positive integer, got \"-1\"",
            "plan.yaml:7:60: error: 'temperature' must be a number ≥ 0 (0 = greedy), got \"hot\"",
        ])
    }

    @Test func unreadablePromptFileNamesTheResolvedPath() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = """
            engines:
              - {name: local, kind: managed}
            models:
              - {name: smollm2, file: smollm2-135m}
            workloads:
              - {name: story, prompt_file: prompts/missing.txt, max_tokens: 8}
            """
        let path = directory.appendingPathComponent("prompts/missing.txt").standardizedFileURL.path
        #expect(errors(plan, baseDirectory: directory) == [
            "plan.yaml:6:32: error: cannot read prompt_file 'prompts/missing.txt' (\(path): no such file); relative paths start at the plan file's directory"
        ])
    }

    @Test func missingPlanFileSaysSo() {
        #expect {
            try PlanLoader.load(path: "/nonexistent/edgebench/plan.yaml")
        } throws: { error in
            "\(error)" == "/nonexistent/edgebench/plan.yaml:1:1: error: cannot read the plan file (no such file); check the path, or run without a plan to use the built-in quick plan"
        }
    }

    @Test func errorDescriptionFormat() {
        let error = PlanError(file: "plan.yaml", line: 12, column: 5, message: "'max_tokens' must be a positive integer, got \"abc\"")
        #expect(error.description == "plan.yaml:12:5: error: 'max_tokens' must be a positive integer, got \"abc\"")
        let all = PlanErrors([error, PlanError(file: "plan.yaml", line: 13, column: 1, message: "x")])
        #expect(all.description == "plan.yaml:12:5: error: 'max_tokens' must be a positive integer, got \"abc\"\nplan.yaml:13:1: error: x")
        #expect(all.first == error)
    }
}
