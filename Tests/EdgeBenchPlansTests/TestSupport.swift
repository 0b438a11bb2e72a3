import EdgeBenchPlans
import Foundation
import Testing

/// The repository root, found from this source file (Tests/EdgeBenchPlansTests/TestSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// examples/ at the repository root; EDGEBENCH_EXAMPLES overrides it.
func examplesDirectory() throws -> URL {
    let url = ProcessInfo.processInfo.environment["EDGEBENCH_EXAMPLES"].map { URL(fileURLWithPath: $0) }
        ?? repositoryRoot.appendingPathComponent("examples")
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        Issue.record("examples directory not found at \(url.path); set EDGEBENCH_EXAMPLES to the repository's examples/")
        throw CancellationError()
    }
    return url
}

/// A fresh directory for files a test writes (prompt files, plans).
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("edgebench-plans-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every error the loader reports for `text`, as printed; empty when the plan is valid.
func errors(_ text: String, baseDirectory: URL? = nil) -> [String] {
    do {
        _ = try PlanLoader.parse(text, file: "plan.yaml", baseDirectory: baseDirectory)
        return []
    } catch let error as PlanErrors {
        return error.errors.map(\.description)
    } catch {
        return ["unexpected error type \(type(of: error)): \(error)"]
    }
}
