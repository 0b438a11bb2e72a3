import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchRunner
import Foundation

struct SilentProgress: ProgressReporter {
    func report(_ event: ProgressEvent) {}
}

/// Calls `action` once, when the measured request with 1-based index `after` has finished.
final class AfterRequest: ProgressReporter, @unchecked Sendable {
    private let after: Int
    private let action: @Sendable () -> Void
    private let lock = NSLock()
    private var fired = false

    init(after: Int, action: @escaping @Sendable () -> Void) {
        self.after = after
        self.action = action
    }

    func report(_ event: ProgressEvent) {
        guard case .requestFinished(let index, _, false, _, _) = event, index == after else { return }
        lock.lock()
        let first = !fired
        fired = true
        lock.unlock()
        if first { action() }
    }
}

enum RunnerFixtures {
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eb-runner-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func configuration(
        id: String, kind: EngineSpec.Kind = .llamacpp, url: String?, repetitions: Int = 3, warmup: Int = 0,
        maxTokens: Int = 5, serverPath: String? = nil
    ) -> Configuration {
        Configuration(
            id: id, engine: EngineSpec(name: id, kind: kind, url: url, serverPath: serverPath),
            model: ModelSpec(name: "scripted", file: kind == .managed ? "smollm2-135m" : nil, served: "scripted-model"),
            workload: Workload(name: "w", request: GenerationRequest(prompt: "hello", api: .completion, maxTokens: maxTokens)),
            repetitions: repetitions, warmup: warmup)
    }

    static func plan(_ configurations: [Configuration]) -> RunPlan {
        RunPlan(name: "test", text: "test", hash: FileDigest.sha256(of: "test"), configurations: configurations)
    }

    /// A loopback port nothing listens on.
    static let closedPort = "http://127.0.0.1:9"
}

/// What `body` threw, as the user reads it, or "no error": for asserting a refusal's whole message.
func message(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "no error"
    } catch {
        return "\(error)"
    }
}
