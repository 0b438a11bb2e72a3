import Foundation

/// The one place these tests find captured fixtures: `EDGEBENCH_FIXTURES`, else `../shared/fixtures`
/// beside the repository root. Repoint here when the fixtures move into the repository.
enum CLIFixtures {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "fixture missing: \(path) (set EDGEBENCH_FIXTURES to the fixtures folder)" }
    }

    static let llamaBenchJSON = "llm-servers/llama.cpp-b11434-cpu-2vcpu-xeon-vm/llama-bench-smollm2-135m-instruct-q4_1.json"
    static let tegrastatsOrinNano = "tegrastats/tegrastats-jp6-orin-nano-8gb-idle-nosudo.txt"

    static func path(_ relative: String) throws -> String {
        let root: URL
        if let override = ProcessInfo.processInfo.environment["EDGEBENCH_FIXTURES"], !override.isEmpty {
            root = URL(fileURLWithPath: override)
        } else {
            // Tests/EdgeBenchCLITests/Support/<file>.swift → repository root → ../shared/fixtures
            root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("shared/fixtures")
        }
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.path) }
        return url.path
    }
}
