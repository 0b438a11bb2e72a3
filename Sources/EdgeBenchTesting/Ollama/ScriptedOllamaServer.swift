import EdgeBenchCore
import Foundation
import Hummingbird

/// A fake Ollama (or hailo-ollama) that streams a `Script` as NDJSON with exact delays and keeps the
/// state the adapter depends on: which models are installed and resident, the offload `num_gpu`
/// achieved (`/api/ps`), cold loads, and the odd cases of real servers (`OllamaBehaviour`).
///
/// Serves `/api/generate`, `/api/chat` (a request without a prompt loads the model, or unloads it with
/// `keep_alive: 0`), `/api/show`, `/api/tags`, `/api/version`, `/api/ps`, and for hailo-ollama
/// `/hailo/v1/list`. Every request is recorded.
public final class ScriptedOllamaServer: Sendable {
    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    let state: State
    private let server: LocalHTTPServer

    /// `port` 0: one the OS picks.
    public static func start(script: Script, behaviour: OllamaBehaviour = OllamaBehaviour(), port: Int = 0) async throws
        -> ScriptedOllamaServer
    {
        let state = State(script: script, behaviour: behaviour)
        let router = Router()
        addRoutes(to: router, state: state)
        let name = behaviour.flavour == .hailo ? "ScriptedHailoOllama" : "ScriptedOllama"
        let server = try await LocalHTTPServer.start(router: router, name: name, port: port)
        return ScriptedOllamaServer(port: server.port, state: state, server: server)
    }

    private init(port: Int, state: State, server: LocalHTTPServer) {
        self.port = port
        self.state = state
        self.server = server
    }

    public func stop() async { await server.stop() }
    public func setScript(_ script: Script) async { await state.set(script: script) }
    public func requests() async -> [RecordedRequest] { await state.log.requests }
    /// Unloads every model, as `ollama stop` or a keep-alive expiry would.
    public func evictAll() async { await state.evictAll() }
    /// How many times a model was loaded (cold starts).
    public func loads() async -> Int { await state.loadCount }
    /// When the last stream started and when each of its token lines was written, on the client's
    /// monotonic clock: the instants its `eval_duration` was computed from.
    public func lastStreamTimeline() async -> StreamTimeline { await state.timeline }
    /// Streams started from now on write each token only once `gate` lets it go (nil: no gate).
    public func setGate(_ gate: TokenGate?) async { await state.set(gate: gate) }

    actor State {
        var script: Script
        let behaviour: OllamaBehaviour
        /// model → bytes in GPU memory
        var resident: [String: Int64] = [:]
        /// model being unloaded in the background → how many more `/api/ps` answers still list it
        var unloading: [String: Int] = [:]
        var loadCount = 0
        var timeline = StreamTimeline(started: nil, tokenWrites: [])
        var gate: TokenGate?
        let log = RequestLog()

        init(script: Script, behaviour: OllamaBehaviour) {
            self.script = script
            self.behaviour = behaviour
            if behaviour.residentAtStart {
                for model in behaviour.models { resident[model] = behaviour.vramBytes(numGPU: nil, model: model) }
            }
        }

        func set(script: Script) { self.script = script }
        func set(gate: TokenGate?) { self.gate = gate }
        func streamStarted(at instant: Instant) { timeline = StreamTimeline(started: instant, tokenWrites: []) }
        func wrote(at instant: Instant) { timeline.tokenWrites.append(instant) }
        func evictAll() {
            resident.removeAll()
            unloading.removeAll()
        }

        /// `keep_alive: 0`: the model leaves `/api/ps` after `listedAfterUnload` more answers (at once for 0).
        func unload(_ model: String) {
            let key = Self.canonical(model)
            guard resident[key] != nil else { return }
            if behaviour.listedAfterUnload > 0 {
                unloading[key] = behaviour.listedAfterUnload
            } else {
                resident[key] = nil
            }
        }

        /// What `/api/ps` lists now; each answer brings a background unload one answer closer to done.
        func listResident() -> [(name: String, vram: Int64)] {
            let listed = resident.map { (name: $0.key, vram: $0.value) }.sorted { $0.name < $1.name }
            for (key, left) in unloading {
                if left <= 1 {
                    unloading[key] = nil
                    resident[key] = nil
                } else {
                    unloading[key] = left - 1
                }
            }
            return listed
        }

        func isInstalled(_ model: String) -> Bool {
            behaviour.models.contains { Self.canonical($0) == Self.canonical(model) }
        }

        /// Loads the model if it is not resident (or resident with another `num_gpu`, which makes Ollama
        /// reload it); returns the seconds the load took, 0 when it was warm.
        func ensureLoaded(_ model: String, numGPU: Int?) async -> Duration {
            let key = Self.canonical(model)
            let vram = behaviour.vramBytes(numGPU: numGPU, model: model)
            // a model still on its way out is loaded afresh
            if unloading.removeValue(forKey: key) != nil { resident[key] = nil }
            if resident[key] == vram { return .zero }
            loadCount += 1
            let started = ContinuousClock.now
            if behaviour.loadDelay > .zero { try? await Task.sleep(for: behaviour.loadDelay) }
            resident[key] = vram
            return ContinuousClock.now - started
        }

        static func canonical(_ name: String) -> String { name.contains(":") ? name : name + ":latest" }
    }
}
