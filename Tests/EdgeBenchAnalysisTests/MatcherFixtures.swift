import Foundation
import Testing

/// Real captures from /work/shared/fixtures (or $EDGEBENCH_FIXTURES).
enum MatcherFixtures {
    static func directory(filePath: String = #filePath) throws -> URL {
        if let override = ProcessInfo.processInfo.environment["EDGEBENCH_FIXTURES"] {
            return URL(fileURLWithPath: override)
        }
        // Tests/EdgeBenchAnalysisTests/MatcherFixtures.swift → repo root → ../shared/fixtures
        let repoRoot = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
        guard FileManager.default.fileExists(atPath: candidate.path) else {
            Issue.record("fixtures not found at \(candidate.path): set EDGEBENCH_FIXTURES to the shared/fixtures folder")
            throw CocoaError(.fileNoSuchFile)
        }
        return candidate
    }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: directory().appendingPathComponent(relative), encoding: .utf8)
    }
}
