import ArgumentParser
import EdgeBenchTesting
import Foundation

/// The four boards of the "Cloud to Edge" methodology as test servers, and the plan that runs them.
struct Methodology: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the methodology's boards (Pi 5 Ollama, Jetson Ollama CPU/GPU, Pi 5 + Hailo-10H, M5Stack StackFlow).",
        discussion: """
            Starts Ollama, hailo-ollama and StackFlow servers that follow each protocol (NDJSON, /api/ps offload, \
            cold loads, TCP JSON lines), each offering the methodology's models under its runtime's own names, \
            and writes the plan that measures them: the paper's matrix (every model on every runtime that has \
            it, 100 tokens, 5 requests each), each board with a manual meter of typical watts, so the run has \
            energy per token, the bubble chart and the paper view.

            Each board decodes at its own pace: the Pi 5 and the Jetson at a fixed share of their roofline \
            (bandwidth ÷ model bytes), the Hailo-10H and the AX630C at their makers' published tok/s. At \
            --speed 1 (the default) the whole matrix takes about as long as on the boards (≈ 35 min); a higher \
            speed plays it faster, and its rates are then that many times what a board could do (the \
            roofline chart shows the Pi 5 above its ceiling from about 2×).

              swift run -c release edgebench-testserver methodology --plan-file /tmp/methodology.yaml &
              swift run -c release edgebench run /tmp/methodology.yaml
              swift run -c release edgebench-testserver methodology --models 2 --runs 3 --plan-file /tmp/m.yaml
              edgebench-testserver methodology --jetson-port 11434 --hailo-port 8000   # for the paper's own harness
            """)

    @Option(help: "Play the boards this many times faster than their own pace (1 = each board's real pace).")
    var speed = 1.0

    @Option(help: "The longest reply a board generates; a request asking for fewer gets what it asks for.")
    var tokens = 1024

    @Option(help: "Measure the first N of the methodology's 7 models (a shorter tour).")
    var models = MethodologyModel.paper.count

    @Option(help: "Measured requests per configuration in the plan.")
    var runs = 5

    @Option(name: .customLong("max-tokens"), help: "Tokens each request asks for in the plan.")
    var maxTokens = 100

    @Option(name: .customLong("jetson-port"), help: "Serve the Jetson's Ollama (CPU and GPU) on this port (default: any free one; 11434 is Ollama's own, where the paper's harness looks).")
    var jetsonPort = 0

    @Option(name: .customLong("hailo-port"), help: "Serve hailo-ollama on this port (default: any free one; 8000 is hailo-ollama's own).")
    var hailoPort = 0

    @Option(name: .customLong("plan-file"), help: "Write the plan here (default: print it on standard output).")
    var planFile: String?

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be above 0, got \(speed)") }
        guard tokens > 0 else { throw ValidationError("--tokens must be at least 1, got \(tokens)") }
        guard (1...MethodologyModel.paper.count).contains(models) else {
            throw ValidationError("--models must be 1 to \(MethodologyModel.paper.count), got \(models)")
        }
        for (flag, port) in [("--jetson-port", jetsonPort), ("--hailo-port", hailoPort)] where !(0...65535).contains(port) {
            throw ValidationError("\(flag) must be a TCP port, 1 to 65535 (or 0: any free one), got \(port)")
        }
        guard runs > 0 else { throw ValidationError("--runs must be at least 1, got \(runs)") }
        guard (1...1023).contains(maxTokens) else {
            throw ValidationError("--max-tokens must be 1 to 1023 (the M5Stack's max_token_len bounds), got \(maxTokens)")
        }
    }

    func run() async throws {
        let chosen = Array(MethodologyModel.paper.prefix(models))
        let servers = try await MethodologyServers.start(
            speed: speed, tokens: tokens, models: chosen, jetsonPort: jetsonPort, hailoPort: hailoPort)
        let plan = servers.plan(repetitions: runs, warmup: 1, maxTokens: maxTokens, models: chosen, manualPower: true)
        if let planFile {
            try plan.write(toFile: planFile, atomically: true, encoding: .utf8)
            note("edgebench-testserver: plan written to \(planFile)")
        } else {
            print(plan)
        }
        note("""
            edgebench-testserver: serving the methodology's boards (speed ×\(speed), \(chosen.count) models):
              Raspberry Pi 5, Ollama        \(servers.pi5.baseURL)
              Jetson Orin Nano, Ollama      \(servers.jetson.baseURL)  (offload none / all)
              Pi 5 + AI HAT+ 2, hailo-ollama \(servers.hailo.baseURL)
              M5Stack Module LLM, StackFlow \(servers.m5stack.url)
            """)
        try await serveForever()
    }
}
