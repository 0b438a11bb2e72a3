import ArgumentParser
import EdgeBenchTesting
import Foundation

/// llama.cpp-native and OpenAI-compatible streaming of N tokens with no delay, so a benchmark
/// measures the harness, not a model; or at a fixed pace, to measure a client's timing error.
struct Fast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A fast scripted llama-server: N tokens per request, no delay unless paced (bench/ uses it).",
        discussion: """
            With --ttft-ms and --token-interval-ms the stream is paced like an engine (e.g. 64 tokens in \
            370 ms: --token-interval-ms 5.78); with --send-log the server writes one JSON line per stream \
            with its own CLOCK_MONOTONIC times of receiving the request and writing each token \
            (bench/peers.sh compares clients' TTFT and ITL against them).
            """)

    @Option(help: "Tokens streamed per request.")
    var tokens = 20_000

    @Option(name: .customLong("url-file"), help: "Write the base URL here once listening.")
    var urlFile: String?

    @Option(name: .customLong("ttft-ms"), help: "Sleep this long before the first token (a deterministic TTFT).")
    var ttftMilliseconds = 0.0

    @Option(name: .customLong("token-interval-ms"), help: "Sleep this long before every later token (the pace).")
    var tokenIntervalMilliseconds = 0.0

    @Option(name: .customLong("send-log"), help: "Write each stream's receive and token-write times here (JSON lines, CLOCK_MONOTONIC ns).")
    var sendLog: String?

    func validate() throws {
        guard tokens > 0 else { throw ValidationError("--tokens must be at least 1, got \(tokens)") }
        guard ttftMilliseconds >= 0, tokenIntervalMilliseconds >= 0 else {
            throw ValidationError("--ttft-ms and --token-interval-ms must not be negative")
        }
    }

    func run() async throws {
        var script = Script.fast(tokens: tokens)
        if ttftMilliseconds > 0 || tokenIntervalMilliseconds > 0 {
            script.delays = [.microseconds(Int64(ttftMilliseconds * 1000)), .microseconds(Int64(tokenIntervalMilliseconds * 1000))]
        }
        let log = try sendLog.map { try SendLog(path: $0) }
        let server = try await ScriptedLLMServer.start(script: script, sendLog: log)
        if let urlFile {
            try server.baseURL.write(toFile: urlFile, atomically: true, encoding: .utf8)
        }
        note("edgebench-testserver: \(server.baseURL) streaming \(tokens) tokens per request"
             + (script.delays.isEmpty ? "" : ", first after \(ttftMilliseconds) ms, then every \(tokenIntervalMilliseconds) ms"))
        try await serveForever()
    }
}
