import ArgumentParser
import EdgeBenchTesting
import Foundation

/// A scripted LLM server for `bench/`: llama.cpp-native and OpenAI-compatible streaming of
/// N tokens with no delay, so a benchmark measures the harness, not a model.
@main
struct TestServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgebench-testserver",
        abstract: "Serve a fast scripted token stream on 127.0.0.1 (for bench/ and manual checks).")

    @Option(help: "Tokens streamed per request.")
    var tokens = 20_000

    @Option(name: .customLong("url-file"), help: "Write the base URL here once listening.")
    var urlFile: String?

    func run() async throws {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: tokens))
        if let urlFile {
            try server.baseURL.write(toFile: urlFile, atomically: true, encoding: .utf8)
        }
        FileHandle.standardError.write(Data("edgebench-testserver: \(server.baseURL) streaming \(tokens) tokens per request\n".utf8))
        while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
    }
}
