import EdgeBenchCore
import Foundation

/// The four devices of the "Cloud to Edge" methodology as protocol-faithful test servers on loopback:
/// a Raspberry Pi 5 running Ollama (CPU only), a Jetson Orin Nano running Ollama (a GPU that speeds
/// decoding up when `num_gpu` puts the model there), a Pi 5 + AI HAT+ 2 running hailo-ollama, and an
/// M5Stack Module LLM speaking StackFlow. `plan(…)` is examples/methodology.yaml pointed at them.
///
/// Their speeds are the boards' orders of magnitude for a 1.5B model, divided by `speed`, so a test can
/// run the whole plan in seconds and still tell the boards apart.
public final class MethodologyServers: Sendable {
    public let pi5: ScriptedOllamaServer
    public let jetson: ScriptedOllamaServer
    public let hailo: ScriptedOllamaServer
    public let m5stack: StackFlowTestServer
    public let tokens: [String]

    /// Per board: time to the first token and between tokens at speed 1.
    public struct Pace: Sendable {
        public var prefill: Duration
        public var gap: Duration
    }

    public static let pi5Pace = Pace(prefill: .milliseconds(1200), gap: .milliseconds(180))
    public static let jetsonCPUPace = Pace(prefill: .milliseconds(1500), gap: .milliseconds(220))
    /// num_gpu all: the Jetson's GPU decodes this many times faster than its CPU
    public static let jetsonGPUSpeedup = 5.0
    public static let hailoPace = Pace(prefill: .milliseconds(600), gap: .milliseconds(140))
    public static let m5stackPace = Pace(prefill: .milliseconds(900), gap: .milliseconds(250))

    public static func start(speed: Double = 1, tokens count: Int = 24) async throws -> MethodologyServers {
        let words = "Keeping the model on the device means the prompt and the answer never leave it, so sensitive plant data stays inside the fence and works offline too".split(separator: " ")
        let tokens = (0..<count).map { i in (i == 0 ? "" : " ") + String(words[i % words.count]) }
        func script(_ pace: Pace) -> Script {
            Script(tokens: tokens, delays: [pace.prefill / speed, pace.gap / speed], promptTokens: 31, stopReason: "stop")
        }
        let load = Duration.milliseconds(400) / speed
        let pi5 = try await ScriptedOllamaServer.start(
            script: script(pi5Pace),
            behaviour: OllamaBehaviour(version: "0.5.7", models: ["qwen2.5:1.5b"], modelSize: 986_061_892, blockCount: 28, loadDelay: load))
        let jetson = try await ScriptedOllamaServer.start(
            script: script(jetsonCPUPace),
            behaviour: OllamaBehaviour(
                version: "0.5.7", models: ["qwen2.5:1.5b"], modelSize: 986_061_892, blockCount: 28, gpuMemory: 7_600_000_000,
                loadDelay: load, gpuSpeedup: jetsonGPUSpeedup))
        let hailo = try await ScriptedOllamaServer.start(
            script: script(hailoPace),
            behaviour: OllamaBehaviour(flavour: .hailo, version: "5.1.1", models: ["qwen2.5-instruct:1.5b", "qwen2:1.5b"]))
        let m5stack = try await StackFlowTestServer.start(
            script: StackFlowScript(deltas: tokens, delays: [m5stackPace.prefill / speed, m5stackPace.gap / speed]),
            device: StackFlowTestDevice(loadDelay: load))
        return MethodologyServers(pi5: pi5, jetson: jetson, hailo: hailo, m5stack: m5stack, tokens: tokens)
    }

    private init(
        pi5: ScriptedOllamaServer, jetson: ScriptedOllamaServer, hailo: ScriptedOllamaServer,
        m5stack: StackFlowTestServer, tokens: [String]
    ) {
        self.pi5 = pi5
        self.jetson = jetson
        self.hailo = hailo
        self.m5stack = m5stack
        self.tokens = tokens
    }

    public func stop() async {
        await pi5.stop()
        await jetson.stop()
        await hailo.stop()
        await m5stack.stop()
    }

    /// The methodology plan (five configurations side by side) with each engine at its server.
    public func plan(repetitions: Int = 5, warmup: Int = 1, maxTokens: Int = 128) -> String {
        """
        # examples/methodology.yaml, pointed at `edgebench-testserver methodology`'s loopback servers.
        name: cloud-to-edge-testservers
        repetitions: \(repetitions)
        warmup: \(warmup)

        engines:
          - {name: pi5-cpu, kind: ollama, url: "\(pi5.baseURL)", offload: none, device: rpi5-8gb}
          - {name: jetson-cpu, kind: ollama, url: "\(jetson.baseURL)", offload: none, device: jetson-orin-nano-super}
          - {name: jetson-gpu, kind: ollama, url: "\(jetson.baseURL)", offload: all, device: jetson-orin-nano-super}
          - {name: pi5-hailo, kind: hailo-ollama, url: "\(hailo.baseURL)", device: rpi5-8gb-ai-hat-plus-2}
          - {name: m5stack, kind: stackflow, url: "\(m5stack.url)", device: m5stack-module-llm}

        models:
          - name: qwen2.5-1.5b
            served:
              ollama: "qwen2.5:1.5b"
              hailo-ollama: "qwen2.5-instruct:1.5b"
              stackflow: qwen2.5-1.5B-ax630c

        workloads:
          - name: short
            prompt: "Explain in two sentences why running a language model locally on an edge device can matter for privacy."
            max_tokens: \(maxTokens)
            api: chat

        """
    }
}
