import ArgumentParser
import EdgeBenchTesting
import Foundation

/// llama.cpp-native and OpenAI-compatible streaming of N tokens with no delay, so a benchmark
/// measures the harness, not a model.
struct Fast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A fast scripted llama-server: N tokens per request, no delay (bench/ uses it).")

    @Option(help: "Tokens streamed per request.")
    var tokens = 20_000

    @Option(name: .customLong("url-file"), help: "Write the base URL here once listening.")
    var urlFile: String?

    func run() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: tokens))
        if let urlFile {
            try server.baseURL.write(toFile: urlFile, atomically: true, encoding: .utf8)
        }
        note("edgebench-testserver: \(server.baseURL) streaming \(tokens) tokens per request")
        try await serveForever()
    }
}
