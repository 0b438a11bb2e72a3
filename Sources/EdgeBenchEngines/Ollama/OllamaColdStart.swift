import EdgeBenchCore
import Foundation

/// Cold starts on Ollama and hailo-ollama (`ColdStarting`): both answer `/api/generate` without a prompt by
/// unloading the model when `keep_alive` is 0 and by loading it otherwise, and list what is resident in
/// `/api/ps` (hailo-ollama's controller, PROTOCOLS.md). Ollama unloads in the background after it has
/// replied, so the unload is done only once `/api/ps` no longer lists the model.
public struct OllamaColdStart: ColdStarting {
    /// How often `/api/ps` is asked while the model is still listed, and for how long.
    public struct UnloadWait: Sendable, Equatable {
        public var interval: Duration
        public var timeout: Duration

        public init(interval: Duration = .milliseconds(100), timeout: Duration = .seconds(60)) {
            self.interval = interval
            self.timeout = timeout
        }
    }

    public let engine: OllamaEngine
    public let wait: UnloadWait
    /// The run's monotonic clock; tests step it to make the load's instants and the unload's deadline exact.
    let now: @Sendable () -> Instant

    public init(engine: OllamaEngine, wait: UnloadWait = UnloadWait()) {
        self.init(engine: engine, wait: wait, now: Instant.now)
    }

    init(engine: OllamaEngine, wait: UnloadWait, now: @escaping @Sendable () -> Instant) {
        self.engine = engine
        self.wait = wait
        self.now = now
    }

    public func unload() async throws {
        let body = JSONBody.encode(OllamaWire.LoadRequest(model: engine.model, stream: false, keep_alive: 0, options: nil))
        let (status, bytes) = try await engine.transport.fetch("/api/generate", method: .post, json: body)
        _ = try engine.loadReply(status: status, bytes: bytes, answering: "the unload request (keep_alive 0)")
        let deadline = now().adding(wait.timeout)
        while try await engine.residentEntry() != nil {
            guard now() < deadline else {
                throw ColdStartError.stillResident(
                    engine: engine.dialect.engineName, url: engine.transport.url("/api/ps"), model: engine.model,
                    seconds: wait.timeout.inSeconds)
            }
            try await Task.sleep(for: wait.interval)
        }
    }

    public func load() async throws -> ColdLoad {
        let keepAlive = Int(engine.keepAlive.components.seconds)
        var request = GenerationRequest(prompt: "", api: .completion, maxTokens: 1)
        request.seed = nil
        let body = JSONBody.encode(OllamaWire.LoadRequest(
            model: engine.model, stream: false, keep_alive: keepAlive, options: engine.options(for: request)))
        let start = now()
        let (status, bytes) = try await engine.transport.fetch("/api/generate", method: .post, json: body)
        let end = now()
        _ = try engine.loadReply(status: status, bytes: bytes, answering: "the load request")
        return ColdLoad(start: start, end: end)
    }
}
