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

    /// Per board: time to the first token and between tokens at speed 1, for Qwen2.5 1.5B (986 MB).
    public struct Pace: Sendable {
        public var prefill: Duration
        public var gap: Duration
    }

    /// The share of its roofline ceiling (bandwidth ÷ model bytes) each Ollama board decodes at. Real
    /// llama.cpp CPU decoding reaches about half of a Pi 5's; the Jetson's CPU cores reach a small part
    /// of the 102 GB/s the GPU can use.
    public static let pi5RooflineShare = 0.45
    public static let jetsonCPURooflineShare = 0.10
    public static let jetsonGPURooflineShare = 0.45
    /// memory bandwidth in B/s (devices.yaml: rpi5-8gb, jetson-orin-nano-super)
    public static let pi5Bandwidth = 17.07e9
    public static let jetsonBandwidth = 102e9
    /// Prompt processing of the 31-token prompt for a 986 MB model, scaled by each model's bytes.
    public static let pi5Prefill = 1.2
    public static let jetsonCPUPrefill = 1.5

    public static let pi5Pace = Pace(prefill: .seconds(pi5Prefill), gap: gap(986_061_892, pi5Bandwidth, pi5RooflineShare))
    public static let jetsonCPUPace = Pace(
        prefill: .seconds(jetsonCPUPrefill), gap: gap(986_061_892, jetsonBandwidth, jetsonCPURooflineShare))
    /// num_gpu all: the Jetson's GPU decodes this many times faster than its CPU
    public static let jetsonGPUSpeedup = jetsonGPURooflineShare / jetsonCPURooflineShare
    public static let hailoPace = Pace(prefill: .seconds(0.325097), gap: .seconds(1 / 7.99287))
    public static let m5stackPace = Pace(prefill: .seconds(1.02941), gap: .seconds(1 / 3.59))

    static func gap(_ bytes: Int64, _ bandwidth: Double, _ share: Double) -> Duration {
        .seconds(Double(bytes) / (bandwidth * share))
    }

    /// Starts the four boards, each offering `models` under its runtime's names (those its runtime has),
    /// each reply up to `tokens` long (shorter when the request asks for fewer), `speed` times faster
    /// than the boards' own pace.
    /// `jetsonPort` and `hailoPort` (0: the OS picks) put the Jetson's Ollama and hailo-ollama where tools
    /// that assume the runtimes' default ports (11434, 8000) look, such as the paper's own harness.
    public static func start(
        speed: Double = 1, tokens count: Int = 24, models: [MethodologyModel] = [.qwen25_1_5b], jetsonPort: Int = 0,
        hailoPort: Int = 0
    ) async throws -> MethodologyServers {
        let words = "Keeping the model on the device means the prompt and the answer never leave it, so sensitive plant data stays inside the fence and works offline too".split(separator: " ")
        let tokens = (0..<count).map { i in (i == 0 ? "" : " ") + String(words[i % words.count]) }
        func delays(prefill: Double, gap: Double) -> [Duration] {
            [.seconds(prefill / speed), .seconds(gap / speed)]
        }
        func script(_ pace: Pace) -> Script {
            Script(tokens: tokens, delays: [pace.prefill / speed, pace.gap / speed], promptTokens: 31, stopReason: "stop")
        }
        func ollamaPlay(bandwidth: Double, share: Double, prefill: Double) -> [String: OllamaBehaviour.ModelPlay] {
            Self.ollamaPlay(models, bandwidth: bandwidth, share: share, prefill: prefill, speed: speed)
        }
        let load = Duration.milliseconds(400) / speed
        let ollamaTags = models.compactMap(\.ollama)
        let pi5 = try await ScriptedOllamaServer.start(
            script: script(pi5Pace),
            behaviour: OllamaBehaviour(
                version: "0.5.7", models: ollamaTags, modelSize: 986_061_892, blockCount: 28, loadDelay: load,
                perModel: ollamaPlay(bandwidth: pi5Bandwidth, share: pi5RooflineShare, prefill: pi5Prefill)))
        let jetson = try await ScriptedOllamaServer.start(
            script: script(jetsonCPUPace),
            behaviour: OllamaBehaviour(
                version: "0.5.7", models: ollamaTags, modelSize: 986_061_892, blockCount: 28, gpuMemory: 7_600_000_000,
                loadDelay: load, gpuSpeedup: jetsonGPUSpeedup,
                perModel: ollamaPlay(bandwidth: jetsonBandwidth, share: jetsonCPURooflineShare, prefill: jetsonCPUPrefill)),
            port: jetsonPort)
        var hailoPlay: [String: OllamaBehaviour.ModelPlay] = [:]
        for model in models {
            guard let hailo = model.hailo else { continue }
            hailoPlay[hailo.tag] = .init(size: nil, delays: delays(prefill: hailo.ttft, gap: 1 / hailo.tokensPerSecond))
        }
        let hailoTags = models.compactMap { $0.hailo?.tag }
        let hailo = try await ScriptedOllamaServer.start(
            script: script(hailoPace),
            behaviour: OllamaBehaviour(
                flavour: .hailo, version: "5.1.1", models: hailoTags,
                perModel: hailoPlay),
            port: hailoPort)
        var m5Delays: [String: [Duration]] = [:]
        for model in models {
            guard let flow = model.stackflow else { continue }
            m5Delays[flow.model] = delays(prefill: flow.ttft, gap: 1 / flow.tokensPerSecond)
        }
        let m5stack = try await StackFlowTestServer.start(
            script: StackFlowScript(deltas: tokens, delays: [m5stackPace.prefill / speed, m5stackPace.gap / speed]),
            device: StackFlowTestDevice(loadDelay: load, delaysByModel: m5Delays))
        return MethodologyServers(pi5: pi5, jetson: jetson, hailo: hailo, m5stack: m5stack, tokens: tokens)
    }

    /// An Ollama board's pace for each model, by tag: prefill scaled by the model's bytes, decode at the
    /// board's `share` of its roofline (one token reads every weight once: bandwidth ÷ bytes tokens/s).
    public static func ollamaPlay(
        _ models: [MethodologyModel], bandwidth: Double, share: Double, prefill: Double, speed: Double = 1
    ) -> [String: OllamaBehaviour.ModelPlay] {
        var play: [String: OllamaBehaviour.ModelPlay] = [:]
        for model in models {
            guard let tag = model.ollama else { continue }
            let bytes = Double(model.ollamaBytes)
            play[tag] = .init(
                size: model.ollamaBytes,
                delays: [.seconds(prefill * bytes / 986_061_892 / speed), .seconds(bytes / (bandwidth * share) / speed)])
        }
        return play
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

    /// Mean watts under load each board is given in the tour's plan, as a manual meter (read off a plug
    /// meter's display, flagged `manual`): a Pi 5 at full CPU load, the Jetson Orin Nano Super in its
    /// 25 W mode (CPU and GPU), the Pi 5 with the Hailo-10H decoding, and the M5Stack's ~1.5 W. Typical
    /// figures for these boards, not a measurement: replace them with your meter's reading.
    public static let tourWatts: [String: Double] = [
        "pi5-cpu": 6.4, "jetson-cpu": 9.2, "jetson-gpu": 12.1, "pi5-hailo": 6.3, "m5stack": 1.5,
    ]

    /// The methodology plan (five configurations side by side per model) with each engine at its server:
    /// `models` with each runtime's name for them, a model no runtime of an engine offers excluded there,
    /// and, with `manualPower`, each board's `tourWatts` as its meter.
    public func plan(
        repetitions: Int = 5, warmup: Int = 1, maxTokens: Int = 128, models: [MethodologyModel] = [.qwen25_1_5b],
        manualPower: Bool = false
    ) -> String {
        func power(_ engine: String) -> String {
            guard manualPower, let watts = Self.tourWatts[engine] else { return "" }
            return ", power: [{manual: \(watts), boundary: wall_ac}]"
        }
        var modelLines: [String] = []
        var excluded: [String] = []
        for model in models {
            modelLines.append("  - name: \(model.name)\n    served:")
            if let tag = model.ollama { modelLines.append("      ollama: \"\(tag)\"") }
            if let hailo = model.hailo { modelLines.append("      hailo-ollama: \"\(hailo.tag)\"") }
            if let flow = model.stackflow { modelLines.append("      stackflow: \(flow.model)") }
            if model.ollama == nil {
                excluded += ["pi5-cpu", "jetson-cpu", "jetson-gpu"].map { "  - {engine: \($0), model: \(model.name)}" }
            }
            if model.hailo == nil { excluded.append("  - {engine: pi5-hailo, model: \(model.name)}") }
            if model.stackflow == nil { excluded.append("  - {engine: m5stack, model: \(model.name)}") }
        }
        let exclude = excluded.isEmpty ? "" : """

            exclude:                 # what a runtime does not offer
            \(excluded.joined(separator: "\n"))

            """
        return """
            # examples/methodology.yaml, pointed at `edgebench-testserver methodology`'s loopback servers.
            name: cloud-to-edge-testservers
            repetitions: \(repetitions)
            warmup: \(warmup)
            \(manualPower ? "idle_seconds: 1          # a manual meter reads the same figure at idle: no need to wait 10 s\n" : "")
            engines:
              - {name: pi5-cpu, kind: ollama, url: "\(pi5.baseURL)", offload: none, device: rpi5-8gb\(power("pi5-cpu"))}
              - {name: jetson-cpu, kind: ollama, url: "\(jetson.baseURL)", offload: none, device: jetson-orin-nano-super\(power("jetson-cpu"))}
              - {name: jetson-gpu, kind: ollama, url: "\(jetson.baseURL)", offload: all, device: jetson-orin-nano-super\(power("jetson-gpu"))}
              - {name: pi5-hailo, kind: hailo-ollama, url: "\(hailo.baseURL)", device: rpi5-8gb-ai-hat-plus-2\(power("pi5-hailo"))}
              - {name: m5stack, kind: stackflow, url: "\(m5stack.url)", device: m5stack-module-llm\(power("m5stack"))}

            models:
            \(modelLines.joined(separator: "\n"))
            \(exclude)
            workloads:
              - name: short
                prompt: "Explain why the sky is blue in one paragraph."   # the paper harness's prompt
                max_tokens: \(maxTokens)
                api: chat

            """
    }
}
