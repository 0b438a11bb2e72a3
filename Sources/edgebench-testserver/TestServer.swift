import ArgumentParser
import Foundation

/// Protocol-faithful test servers on 127.0.0.1, for `bench/` and for trying EdgeBench without hardware.
@main
struct TestServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgebench-testserver",
        abstract: "Serve scripted LLM engines on 127.0.0.1 (for bench/ and for trying EdgeBench without boards).",
        subcommands: [Fast.self, Methodology.self],
        defaultSubcommand: Fast.self)
}

/// Serves until interrupted.
func serveForever() async throws {
    while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
}

func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
