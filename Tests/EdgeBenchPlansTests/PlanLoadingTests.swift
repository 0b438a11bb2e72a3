import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchPlans
import Foundation
import Testing

@Suite("Plan loading and expansion")
struct PlanLoadingTests {
    /// The example from the task brief, verbatim apart from the prompt file's location.
    static let briefExample = """
        name: pi5-quick
        repetitions: 5          # measured requests per configuration
        warmup: 1               # warm-up requests, never counted
        engines:
          - name: managed-cpu
            kind: managed        # managed | llamacpp | openai
            threads: 2
            context: 2048
            gpu_layers: 0
          - name: remote
            kind: openai
            url: http://127.0.0.1:8080/v1
            api_key_env: OPENAI_API_KEY
        models:
          - name: smollm2
            file: smollm2-135m      # embedded model id or path to a .gguf
          - name: gemma3
            file: gemma3-270m
            served: gemma3          # name sent to a running server
        workloads:
          - name: short
            prompt: "Explain what an edge device is in one sentence."
            max_tokens: 64
            temperature: 0
            seed: 42
            api: chat               # chat | completion
          - name: story
            prompt_file: prompts/story.txt   # relative to the plan file
            max_tokens: 128
        matrix:                     # optional; default = every engine × model × workload
          engine: [managed-cpu]
          model: [smollm2, gemma3]
          workload: [short, story]
          threads: [1, 2]           # optional engine-parameter axes: threads, context, gpu_layers
        exclude:
          - {model: gemma3, workload: short}
        """

    func writeBriefExample() throws -> URL {
        let directory = try temporaryDirectory()
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("prompts"), withIntermediateDirectories: true)
        try "Once upon a time, on a tiny computer,\n".write(
            to: directory.appendingPathComponent("prompts/story.txt"), atomically: true, encoding: .utf8)
        let plan = directory.appendingPathComponent("pi5.yaml")
        try Self.briefExample.write(to: plan, atomically: true, encoding: .utf8)
        return plan
    }

    @Test func briefExampleLoads() throws {
        let url = try writeBriefExample()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let plan = try PlanLoader.load(path: url.path)
        #expect(plan.name == "pi5-quick")
        #expect(plan.repetitions == 5)
        #expect(plan.warmup == 1)
        #expect(plan.path == url.path)
        #expect(plan.engines == [
            EngineSpec(name: "managed-cpu", kind: .managed, threads: 2, contextSize: 2048, offload: Offload.none),
            EngineSpec(name: "remote", kind: .openai, url: "http://127.0.0.1:8080/v1", apiKeyEnv: "OPENAI_API_KEY"),
        ])
        #expect(plan.models == [
            ModelSpec(name: "smollm2", file: "smollm2-135m"),
            ModelSpec(name: "gemma3", file: "gemma3-270m", served: "gemma3"),
        ])
        #expect(plan.workloads == [
            Workload(
                name: "short",
                request: GenerationRequest(
                    prompt: "Explain what an edge device is in one sentence.", api: .chat, maxTokens: 64,
                    temperature: 0, seed: 42)),
            // prompt_file resolved next to the plan; the editor's final newline dropped
            Workload(
                name: "story",
                request: GenerationRequest(prompt: "Once upon a time, on a tiny computer,", maxTokens: 128)),
        ])
        #expect(plan.matrix == PlanMatrix(
            engines: ["managed-cpu"], models: ["smollm2", "gemma3"], workloads: ["short", "story"], threads: [1, 2]))
        #expect(plan.excludes == [PlanExclusion(model: "gemma3", workload: "short")])
        #expect(plan.sourceText == Self.briefExample)
    }

    @Test func briefExampleExpandsWithAxesAndExclude() throws {
        let url = try writeBriefExample()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let configurations = try PlanLoader.load(path: url.path).expand()
        // 1 engine × 2 threads × (2 models × 2 workloads − gemma3/short) = 6
        #expect(configurations.map(\.id) == [
            "managed-cpu-t1/smollm2/short", "managed-cpu-t1/smollm2/story", "managed-cpu-t1/gemma3/story",
            "managed-cpu-t2/smollm2/short", "managed-cpu-t2/smollm2/story", "managed-cpu-t2/gemma3/story",
        ])
        #expect(configurations.map(\.engine.threads) == [1, 1, 1, 2, 2, 2])
        // the axis value replaces the engine's own; other settings stay
        #expect(configurations[0].engine == EngineSpec(
            name: "managed-cpu-t1", kind: .managed, threads: 1, contextSize: 2048, offload: Offload.none))
        #expect(configurations.allSatisfy { $0.repetitions == 5 && $0.warmup == 1 })
        #expect(configurations[2].model.name == "gemma3")
        #expect(configurations[2].workload.request.maxTokens == 128)
    }

    @Test func defaultMatrixIsEveryEngineModelWorkload() throws {
        let plan = try PlanLoader.parse(
            """
            engines:
              - {name: a, kind: managed}
              - {name: b, kind: llamacpp, url: "http://10.0.0.2:8080"}
            models:
              - {name: m1, file: one.gguf}
              - {name: m2, file: two.gguf}
            workloads:
              - {name: w1, prompt: Hi, max_tokens: 8}
              - {name: w2, prompt: Hello, max_tokens: 16, api: completion}
              - {name: w3, prompt: Hey, max_tokens: 32}
            """, file: "plan.yaml", baseDirectory: nil)
        #expect(plan.name == "plan")  // from the file name
        #expect(plan.repetitions == 5)
        #expect(plan.warmup == 1)
        let ids = plan.expand().map(\.id)
        #expect(ids.count == 12)
        #expect(ids.first == "a/m1/w1")
        #expect(ids.last == "b/m2/w3")
        #expect(Set(ids).count == 12)
        #expect(plan.workloads[1].request.api == .completion)
    }

    @Test func axesApplyOnlyToManagedEnginesAndCombine() throws {
        let plan = try PlanLoader.parse(
            """
            engines:
              - {name: cpu, kind: managed}
              - {name: srv, kind: openai, url: "http://127.0.0.1:8000/v1"}
            models:
              - {name: m, file: m.gguf, served: m}
            workloads:
              - {name: w, prompt: Hi, max_tokens: 8}
            matrix:
              threads: [1, 4]
              context: 4096
              gpu_layers: [0, 99]
            exclude:
              - {engine: cpu, threads: 4, gpu_layers: 0}
            """, file: "plan.yaml", baseDirectory: nil)
        let configurations = plan.expand()
        #expect(configurations.map(\.id) == [
            "cpu-t1-ctx4096-ngl0/m/w", "cpu-t1-ctx4096-ngl99/m/w", "cpu-t4-ctx4096-ngl99/m/w", "srv/m/w",
        ])
        #expect(configurations[2].engine.threads == 4)
        #expect(configurations[2].engine.contextSize == 4096)
        #expect(configurations[2].engine.offload == .layers(99))
        #expect(configurations[3].engine.threads == nil)
    }

    @Test func workloadOptionsAreRead() throws {
        let plan = try PlanLoader.parse(
            """
            repetitions: 3
            warmup: 0
            engines:
              - {name: e, kind: managed, timeout: 120, extra_args: ["--mlock"], server_path: /opt/llama-server}
            models:
              - {name: m, file: m.gguf}
            workloads:
              - name: w
                prompt: "Q: 2+2?"
                system: You are terse.
                api: completion
                max_tokens: 4
                temperature: 0.7
                top_k: 40
                top_p: 0.9
                seed: -1
                repeat_penalty: 1.1
                cache_prompt: true
                stop: "\\n"
            """, file: "plan.yaml", baseDirectory: nil)
        #expect(plan.repetitions == 3)
        #expect(plan.warmup == 0)
        #expect(plan.engines[0] == EngineSpec(
            name: "e", kind: .managed, serverPath: "/opt/llama-server", timeout: .seconds(120), extraArgs: ["--mlock"]))
        #expect(plan.workloads[0].request == GenerationRequest(
            prompt: "Q: 2+2?", systemPrompt: "You are terse.", api: .completion, maxTokens: 4, temperature: 0.7,
            topK: 40, topP: 0.9, seed: -1, repeatPenalty: 1.1, cache: .warm, stop: ["\n"]))
    }

    /// `cache: cold | warm`; cold when absent; `cache_prompt`, the key before it, still read with its meaning.
    @Test func promptCacheIsColdUnlessTheWorkloadSaysWarm() throws {
        func cache(_ line: String) throws -> PromptCache {
            let plan = try PlanLoader.parse("""
                engines:
                  - {name: e, kind: managed}
                models:
                  - {name: m, file: m.gguf}
                workloads:
                  - name: w
                    prompt: Hi
                    max_tokens: 4
                \(line)
                """, file: "plan.yaml", baseDirectory: nil)
            return plan.workloads[0].request.cache
        }
        #expect(try cache("") == .cold)
        #expect(try cache("    cache: warm") == .warm)
        #expect(try cache("    cache: cold") == .cold)
        #expect(try cache("    cache_prompt: true") == .warm)
        #expect(try cache("    cache_prompt: false") == .cold)
    }

    /// `start: warm | cold` (issue 15); warm when absent, and accepted on every kind that can unload its model.
    /// A llama-bench twin of a managed engine keeps the workload: it measures no TTFT, so its start means nothing.
    @Test func modelStartIsWarmUnlessTheWorkloadSaysCold() throws {
        func start(_ line: String, engine: String = "{name: e, kind: managed, llama_bench: true}") throws -> [ModelStart] {
            let plan = try PlanLoader.parse("""
                engines:
                  - \(engine)
                models:
                  - {name: m, file: m.gguf, served: m}
                workloads:
                  - name: w
                    prompt: Hi
                    max_tokens: 4
                \(line)
                """, file: "plan.yaml", baseDirectory: nil)
            return plan.expand().map(\.workload.start)
        }
        #expect(try start("") == [.warm, .warm])
        #expect(try start("    start: warm") == [.warm, .warm])
        #expect(try start("    start: cold") == [.cold, .cold])
        #expect(try start("    start: cold", engine: "{name: e, kind: ollama, url: \"http://pi:11434\"}") == [.cold])
        #expect(try start("    start: cold", engine: "{name: e, kind: hailo-ollama, url: \"http://pi:8000\"}") == [.cold])
        #expect(try start("    start: cold", engine: "{name: e, kind: stackflow, url: \"tcp://m5:10001\"}") == [.cold])
    }

    @Test func hashIsSHA256OfTheFileBytesAndStable() throws {
        let url = try writeBriefExample()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let first = try PlanLoader.load(path: url.path)
        let second = try PlanLoader.load(path: url.path)
        #expect(first.hash == second.hash)
        #expect(first.hash == FileDigest.sha256(of: try Data(contentsOf: url)))
        #expect(first.hash.count == 64)
        // parse() hashes the text's UTF-8 bytes, which are the file's bytes
        let parsed = try PlanLoader.parse(Self.briefExample, file: url.path, baseDirectory: url.deletingLastPathComponent())
        #expect(parsed.hash == first.hash)
        // one changed byte, another hash
        let changed = try PlanLoader.parse(
            Self.briefExample.replacingOccurrences(of: "repetitions: 5", with: "repetitions: 6"), file: url.path,
            baseDirectory: url.deletingLastPathComponent())
        #expect(changed.hash != first.hash)
    }

    @Test func hashOfAKnownPlanText() throws {
        let text = "engines: [{name: e, kind: managed}]\nmodels: [{name: m, file: m.gguf}]\nworkloads: [{name: w, prompt: Hi, max_tokens: 1}]\n"
        let plan = try PlanLoader.parse(text, file: "p.yaml", baseDirectory: nil)
        // printf '%s' "$text" | sha256sum
        #expect(plan.hash == "5f02d1b350eb64ed7e3660e1c6ab063863e4b2ee0471ddc9005dd16722b4d1f1")
    }

    @Test func quickExample() throws {
        let plan = try PlanLoader.load(path: try examplesDirectory().appendingPathComponent("quick.yaml").path)
        #expect(plan.name == "quick")
        #expect(plan.repetitions == 5)
        #expect(plan.warmup == 1)
        #expect(plan.engines == [EngineSpec(name: "managed", kind: .managed)])
        #expect(plan.models == [ModelSpec(name: "smollm2", file: "smollm2-135m")])
        #expect(plan.workloads.map(\.request) == [
            GenerationRequest(
                prompt: "Explain what an edge device is in one sentence.", api: .chat, maxTokens: 64, temperature: 0,
                seed: 42)
        ])
        #expect(plan.expand().map(\.id) == ["managed/smollm2/short"])
    }

    @Test func longContextExample() throws {
        let plan = try PlanLoader.load(path: try examplesDirectory().appendingPathComponent("long-context.yaml").path)
        let configurations = plan.expand()
        #expect(configurations.map(\.id) == [
            "managed/smollm2/long-p128", "managed/smollm2/long-p512", "managed/smollm2/long-p2048",
        ])
        #expect(configurations.map(\.workload.promptTokens) == [128, 512, 2048])
        #expect(configurations.allSatisfy {
            $0.engine.contextSize == 4096 && $0.workload.request.maxTokens == 16 && $0.workload.request.api == .completion
                && $0.workload.request.prompt == PromptFiller.defaultSource
        })
    }

    @Test func matrixExample() throws {
        let plan = try PlanLoader.load(path: try examplesDirectory().appendingPathComponent("matrix.yaml").path)
        let configurations = plan.expand()
        #expect(configurations.map(\.id) == [
            "managed-t1/smollm2/chat", "managed-t1/gemma3/completion",
            "managed-t2/smollm2/chat", "managed-t2/gemma3/completion",
        ])
        #expect(configurations.map(\.workload.request.api) == [.chat, .completion, .chat, .completion])
        #expect(configurations.allSatisfy { $0.engine.contextSize == 2048 && $0.engine.offload == Offload.none })
    }
}
