import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchPlans
import Foundation
import Testing

/// Every engine kind of the methodology in a plan: what each accepts, and how the plan expands.
@Suite("Plan engine kinds")
struct PlanEngineKindsTests {
    static let tail = """
        models:
          - {name: qwen, file: smollm2-135m, served: {ollama: "qwen2.5:1.5b", hailo-ollama: "qwen2:1.5b", stackflow: qwen2.5-1.5B-ax630c}}
        workloads:
          - {name: short, prompt: Hi, max_tokens: 16}
        """

    /// The paper's matrix: five configurations × the seven models their runtimes offer, less the pairs a
    /// runtime lacks (7 exclusions) = 28, each model under its runtime's own name.
    @Test func methodologyExampleExpandsToThePapersMatrix() throws {
        let plan = try PlanLoader.load(path: try examplesDirectory().appendingPathComponent("methodology.yaml").path)
        let configurations = plan.expand()
        #expect(configurations.count == 28)
        #expect(configurations.prefix(6).map(\.id) == [
            "pi5-cpu/qwen2.5-0.5b/short", "pi5-cpu/qwen2.5-1.5b/short", "pi5-cpu/qwen2-1.5b/short",
            "pi5-cpu/qwen2.5-coder-1.5b/short", "pi5-cpu/deepseek-r1-1.5b/short", "pi5-cpu/llama3.2-1b/short",
        ])
        let qwen = configurations.filter { $0.model.name == "qwen2.5-1.5b" }
        #expect(qwen.map(\.engine.name) == ["pi5-cpu", "jetson-cpu", "jetson-gpu", "pi5-hailo", "m5stack"])
        #expect(qwen.map(\.engine.kind) == [.ollama, .ollama, .ollama, .hailoOllama, .stackflow])
        #expect(qwen.map(\.model.served) == [
            "qwen2.5:1.5b", "qwen2.5:1.5b", "qwen2.5:1.5b", "qwen2.5-instruct:1.5b", "qwen2.5-1.5B-ax630c",
        ])
        #expect(qwen.map(\.engine.offload) == [Offload.none, Offload.none, .all, nil, nil])
        #expect(configurations.filter { $0.engine.name == "pi5-hailo" }.map { $0.model.served ?? "" } == [
            "qwen2.5-instruct:1.5b", "qwen2:1.5b", "qwen2.5-coder:1.5b", "deepseek_r1:1.5b", "llama3.2:1b",
        ])
        #expect(configurations.filter { $0.engine.name == "m5stack" }.map { $0.model.served ?? "" } == [
            "qwen2.5-0.5B-prefill-20e", "qwen2.5-1.5B-ax630c", "deepseek-r1-1.5B-ax630c", "llama3.2-1B-prefill-ax630c",
            "openbuddy-llama3.2-1B-ax630c",
        ])
        // the paper's workload: 100 tokens, n = 5
        #expect(configurations.allSatisfy { $0.workload.request.maxTokens == 100 && $0.repetitions == 5 })
        // every board has its meter
        #expect(Set(plan.configurationPower(configurations).keys) == Set(configurations.map(\.id)))
        #expect(qwen.last?.engine.url == "tcp://m5stack-llm.local:10001")
    }

    @Test func servedNamesResolveByEngineNameBeforeKind() throws {
        let plan = try PlanLoader.parse("""
            engines:
              - {name: pi5-hailo, kind: hailo-ollama, url: "http://pi:8000"}
              - {name: other-hailo, kind: hailo-ollama, url: "http://pi2:8000"}
              - {name: box, kind: ollama, url: "http://box:11434", offload: 12, threads: 4, context: 4096}
            models:
              - {name: qwen, served: {ollama: "qwen2.5:1.5b", pi5-hailo: "qwen2.5-instruct:1.5b"}}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 16}
            """, file: "plan.yaml", baseDirectory: nil)
        let served = plan.expand().map { "\($0.engine.name)=\($0.model.served ?? "-")" }
        #expect(served == ["pi5-hailo=qwen2.5-instruct:1.5b", "other-hailo=-", "box=qwen2.5:1.5b"])
        let box = try #require(plan.expand().last?.engine)
        #expect(box.offload == .layers(12) && box.threads == 4 && box.contextSize == 4096)
    }

    @Test func ollamaTakesParameterAxesAndRunningServersOthersDoNot() throws {
        let plan = try PlanLoader.parse("""
            engines:
              - {name: jetson, kind: ollama, url: "http://jetson:11434"}
              - {name: pi5-hailo, kind: hailo-ollama, url: "http://pi:8000"}
            \(Self.tail)
            matrix:
              offload: [none, all]
            """, file: "plan.yaml", baseDirectory: nil)
        #expect(plan.expand().map(\.id) == [
            "jetson-cpu/qwen/short", "jetson-gpu/qwen/short", "pi5-hailo/qwen/short",
        ])
        #expect(plan.expand().map(\.engine.offload) == [Offload.none, .all, nil])
    }

    @Test func managedWithLlamaBenchGetsAnInProcessSibling() throws {
        let plan = try PlanLoader.parse("""
            engines:
              - {name: local, kind: managed, threads: 2, server_path: /opt/llama/bin/llama-server, llama_bench: true}
            \(Self.tail)
            """, file: "plan.yaml", baseDirectory: nil)
        let configurations = plan.expand()
        #expect(configurations.map(\.id) == ["local/qwen/short", "local.llama-bench/qwen/short"])
        let bench = configurations[1]
        // The twin is named by a field, not found by taking a suffix off the id.
        #expect(bench.llamaBenchOf == "local/qwen/short")
        #expect(configurations[0].llamaBenchOf == nil)
        #expect(bench.engine.kind == .llamaBench)
        #expect(bench.engine.serverPath == "/opt/llama/bin/llama-bench")
        #expect(bench.engine.threads == 2)
        #expect(bench.warmup == 0)
        #expect(bench.model.file == "smollm2-135m")
    }

    @Test func servedNamesMustNameAnEngineOrKind() {
        let found = errors("""
            engines:
              - {name: pi5, kind: ollama, url: "http://pi:11434"}
            models:
              - {name: qwen, served: {olama: "qwen2.5:1.5b"}}
            workloads:
              - {name: short, prompt: Hi, max_tokens: 8}
            """)
        #expect(found == ["plan.yaml:4:5: error: model 'qwen' has a served name for 'olama', which is neither an engine of this plan nor an engine kind; did you mean 'ollama'?"])
    }

    @Test func stackflowRefusesMoreThan1023Tokens() {
        let found = errors("""
            engines:
              - {name: m5, kind: stackflow, url: "tcp://m5:10001"}
            models:
              - {name: qwen, served: qwen2.5-0.5B-prefill-20e}
            workloads:
              - {name: long, prompt: Hi, max_tokens: 2048}
            """)
        #expect(found == ["plan.yaml:2:5: error: workload 'long' asks for 2048 tokens, but StackFlow engine 'm5' accepts max_token_len 1…1023; lower max_tokens or exclude the pair"])
    }

    @Test(arguments: [
        ("{name: h, kind: hailo-ollama, url: \"http://pi:8000\", offload: all}",
         "plan.yaml:2:58: error: 'offload' applies to managed, ollama and llama-bench engines (EdgeBench starts the engine or sends Ollama options); for kind hailo-ollama, set it on the server you run"),
        ("{name: m, kind: stackflow, url: \"http://m5:10001\"}",
         "plan.yaml:2:37: error: 'url' must be a tcp:// URL with a host, e.g. tcp://m5stack-llm.local:10001, got \"http://m5:10001\""),
        ("{name: o, kind: ollama}",
         "plan.yaml:2:5: error: engine 'o' needs 'url' (the running server's address, e.g. url: http://127.0.0.1:11434)"),
        ("{name: o, kind: ollama, url: \"http://x:11434\", offload: most}",
         "plan.yaml:2:61: error: 'offload' must be all, none or a number of layers (llama.cpp -ngl, Ollama num_gpu), got \"most\""),
        ("{name: b, kind: llama-bench, url: \"http://x:1\"}",
         "plan.yaml:2:34: error: 'url' is for engines that connect to a running server; a llama-bench engine runs on this machine, so remove 'url' (or change 'kind')"),
        ("{name: o, kind: ollama, url: \"http://x:11434\", llama_bench: true}",
         "plan.yaml:2:52: error: 'llama_bench' adds an in-process llama-bench run next to a managed llama-server; for kind ollama, add an engine of kind llama-bench instead"),
    ])
    func kindSpecificMistakes(engine: String, expected: String) {
        let found = errors("engines:\n  - \(engine)\n\(Self.tail)")
        #expect(found.first == expected, "\(found)")
    }
}
