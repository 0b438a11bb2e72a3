import Foundation
import Testing

/// Locates /work/shared/fixtures: `EDGEBENCH_FIXTURES`, else `../shared/fixtures` beside the repository root.
enum Fixtures {
    static func root(filePath: String = #filePath) throws -> URL {
        if let override = ProcessInfo.processInfo.environment["EDGEBENCH_FIXTURES"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        // Tests/EdgeBenchEnginesTests/<file>.swift → repository root → ../shared/fixtures
        let repo = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = repo.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
        guard FileManager.default.fileExists(atPath: candidate.path) else {
            Issue.record("fixtures not found at \(candidate.path): set EDGEBENCH_FIXTURES to the fixtures folder")
            throw FixtureMissing(path: candidate.path)
        }
        return candidate
    }

    static func url(_ relative: String) throws -> URL { try root().appendingPathComponent(relative) }

    static func bytes(_ relative: String) throws -> [UInt8] {
        let url = try url(relative)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("fixture \(url.path) is missing or unreadable")
            throw FixtureMissing(path: url.path)
        }
        return Array(data)
    }

    struct FixtureMissing: Error, CustomStringConvertible {
        var path: String
        var description: String { "fixture missing: \(path) (set EDGEBENCH_FIXTURES)" }
    }

    static let b11434 = "llm-servers/llama.cpp-b11434-cpu-2vcpu-xeon-vm/server-smollm2-135m-instruct-q4_1"
    static let smollm0c1 = "llm-servers/llama.cpp-0c1e570-cpu-2vcpu-xeon-vm/server-smollm2-135m-instruct-q4_1"
    static let gemma0c1 = "llm-servers/llama.cpp-0c1e570-cpu-2vcpu-xeon-vm/server-gemma-3-270m-q4_k_m"
}
