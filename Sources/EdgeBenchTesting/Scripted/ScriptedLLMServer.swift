import EdgeBenchCore
import Foundation
import Hummingbird

/// A fake llama-server / OpenAI-compatible server that streams a `Script` with exact delays, for adapter
/// tests and for measuring the harness's own CPU per token (`Script.fast`).
///
/// Serves `/completion` (llama.cpp native SSE), `/v1/chat/completions` and `/v1/completions` (OpenAI SSE,
/// usage chunk when asked for), `/health`, `/props`, `/v1/models`, `/tokenize` (one token per
/// whitespace-separated word). Every request is recorded (`requests()`), headers included.
public final class ScriptedLLMServer: Sendable {
    public enum Health: Sendable { case ok, loading }

    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The model name it serves; an OpenAI request naming another model gets 404.
    public let model: String
    private let state: State
    private let server: LocalHTTPServer

    /// `sendLog`: record each stream's receive and token-write times there (see `SendLog`).
    public static func start(script: Script, model: String = "scripted-model", sendLog: SendLog? = nil) async throws -> ScriptedLLMServer {
        let state = State(script: script, sendLog: sendLog)
        let router = Router()
        ScriptedLLMServer.addRoutes(to: router, state: state, model: model)
        let server = try await LocalHTTPServer.start(router: router, name: "ScriptedLLMServer")
        return ScriptedLLMServer(port: server.port, model: model, state: state, server: server)
    }

    private init(port: Int, model: String, state: State, server: LocalHTTPServer) {
        self.port = port
        self.model = model
        self.state = state
        self.server = server
    }

    public func stop() async { await server.stop() }

    public func setScript(_ script: Script) async { await state.set(script: script) }
    public func setHealth(_ health: Health) async { await state.set(health: health) }
    /// Streams started from now on write each token only once `gate` lets it go (nil: no gate).
    public func setGate(_ gate: TokenGate?) async { await state.set(gate: gate) }
    public func requests() async -> [RecordedRequest] { await state.log.requests }
    /// When the last stream started (before any scripted delay) and when each of its token chunks was
    /// written, on the same monotonic clock as the client, so tests can separate request overhead from delays.
    public func lastStreamTimeline() async -> StreamTimeline { await state.timeline }
    /// The most streams it had open at once since it started: what proves a harness kept requests in
    /// flight together rather than one behind another.
    public func mostStreamsAtOnce() async -> Int { await state.mostOpen }

    actor State {
        var script: Script
        var health: Health = .ok
        var gate: TokenGate?
        var timeline = StreamTimeline(started: nil, tokenWrites: [])
        let log = RequestLog()
        let sendLog: SendLog?
        init(script: Script, sendLog: SendLog? = nil) {
            self.script = script
            self.sendLog = sendLog
        }
        func set(script: Script) { self.script = script }
        func set(health: Health) { self.health = health }
        func set(gate: TokenGate?) { self.gate = gate }
        func streamStarted(at instant: Instant) { timeline = StreamTimeline(started: instant, tokenWrites: []) }
        func wrote(at instant: Instant) { timeline.tokenWrites.append(instant) }

        private var open: Set<Int> = []
        private var opened = 0
        private(set) var mostOpen = 0
        /// A new stream's number; closing it twice (its last write, then its end) counts once.
        func streamOpened() -> Int {
            opened += 1
            open.insert(opened)
            mostOpen = max(mostOpen, open.count)
            return opened
        }
        func streamClosed(_ stream: Int) { open.remove(stream) }

        private var lastPromptWords: [Substring] = []
        /// Counts `prompt` against the previous prompt, as `script.promptCache` says, and remembers it.
        func account(prompt: String, cachePromptField: Bool?) -> PromptAccount {
            let words = prompt.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            defer { lastPromptWords = words }
            let reuses: Bool
            switch script.promptCache {
            case .none: return PromptAccount(total: script.promptTokens, cached: 0)
            case .llamaCpp: reuses = cachePromptField != false  // llama-server's default is to reuse
            case .automatic: reuses = true
            }
            let common = zip(words, lastPromptWords).prefix { $0 == $1 }.count
            let total = max(words.count, 1)
            return PromptAccount(total: total, cached: reuses ? min(common, total - 1) : 0)
        }
    }
}

public struct StreamTimeline: Sendable, Equatable {
    /// Just before the response body began (after the request was read and routed).
    public var started: Instant?
    /// Just before each token chunk was written (after its delay).
    public var tokenWrites: [Instant]
}
