import ArgumentParser
import EdgeBenchTesting
import Foundation

/// The four boards of the "Cloud to Edge" methodology as test servers, and the plan that runs them.
struct Methodology: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the methodology's boards (Pi 5 Ollama, Jetson Ollama CPU/GPU, Pi 5 + Hailo-10H, M5Stack StackFlow).",
        discussion: """
            Starts Ollama, hailo-ollama and StackFlow servers that follow each protocol (NDJSON, /api/ps offload, \
            cold loads, TCP JSON lines) at roughly each board's pace, and writes a plan naming their ports:

              swift run edgebench-testserver methodology --plan-file /tmp/methodology.yaml &
              swift run -c release edgebench run --plan /tmp/methodology.yaml
            """)

    @Option(help: "Play the boards this many times faster than real (1 = real pace for a 1.5B model).")
    var speed = 4.0

    @Option(help: "Tokens each board generates per request.")
    var tokens = 24

    @Option(name: .customLong("plan-file"), help: "Write the plan here (default: print it on standard output).")
    var planFile: String?

    func validate() throws {
        guard speed > 0 else { throw ValidationError("--speed must be above 0, got \(speed)") }
        guard tokens > 0 else { throw ValidationError("--tokens must be at least 1, got \(tokens)") }
    }

    func run() async throws {
        let servers = try await MethodologyServers.start(speed: speed, tokens: tokens)
        let plan = servers.plan()
        if let planFile {
            try plan.write(toFile: planFile, atomically: true, encoding: .utf8)
            note("edgebench-testserver: plan written to \(planFile)")
        } else {
            print(plan)
        }
        note("""
            edgebench-testserver: serving the methodology's boards (speed ×\(speed)):
              Raspberry Pi 5, Ollama        \(servers.pi5.baseURL)
              Jetson Orin Nano, Ollama      \(servers.jetson.baseURL)  (offload none / all)
              Pi 5 + AI HAT+ 2, hailo-ollama \(servers.hailo.baseURL)
              M5Stack Module LLM, StackFlow \(servers.m5stack.url)
            """)
        try await serveForever()
    }
}
