import EdgeBenchCore
import Foundation
import Hummingbird

extension ScriptedOllamaServer {
    struct DroppedConnection: Error {}

    static func addRoutes(to router: Router<BasicRequestContext>, state: State) {
        let behaviour = state.behaviour
        router.get("/api/version") { request, _ in
            await RouteSupport.record(request, body: "", in: state.log)
            return RouteSupport.json(#"{"version":"# + JSONText.string(behaviour.version) + "}")
        }
        router.get("/api/tags") { request, _ in
            await RouteSupport.record(request, body: "", in: state.log)
            return RouteSupport.json(OllamaScriptedWire.tags(behaviour))
        }
        router.post("/api/show") { request, _ in
            let body = try await RouteSupport.text(of: request)
            await RouteSupport.record(request, body: body, in: state.log)
            let model = RouteSupport.fields(body)["model"] as? String ?? ""
            guard await state.isInstalled(model) else { return RouteSupport.json(OllamaScriptedWire.notFound(model), status: 404) }
            return RouteSupport.json(OllamaScriptedWire.show(behaviour))
        }
        router.get("/api/ps") { request, _ in
            await RouteSupport.record(request, body: "", in: state.log)
            return RouteSupport.json(OllamaScriptedWire.ps(await state.listResident(), behaviour: behaviour))
        }
        if behaviour.flavour == .hailo {
            router.get("/hailo/v1/list") { request, _ in
                await RouteSupport.record(request, body: "", in: state.log)
                return RouteSupport.json(#"{"models":["# + behaviour.models.map(JSONText.string).joined(separator: ",") + "]}")
            }
        }
        for (path, chat) in [("/api/generate", false), ("/api/chat", true)] {
            router.post(RouterPath(path)) { request, _ in
                let body = try await RouteSupport.text(of: request)
                await RouteSupport.record(request, body: body, in: state.log)
                return await generate(
                    RouteSupport.fields(body), chat: chat, state: state, authorization: request.headers[.authorization])
            }
        }
    }

    private static func generate(
        _ fields: [String: Any], chat: Bool, state: State, authorization: String? = nil
    ) async -> Response {
        let received = Instant.now()
        let behaviour = state.behaviour
        let model = fields["model"] as? String ?? ""
        guard await state.isInstalled(model) else { return RouteSupport.json(OllamaScriptedWire.notFound(model), status: 404) }
        let options = fields["options"] as? [String: Any] ?? [:]
        let numGPU = options["num_gpu"] as? Int
        if generatesNothing(fields, chat: chat, flavour: behaviour.flavour) {
            if keepsAliveZero(fields["keep_alive"]) {
                await state.unload(model)
                return RouteSupport.json(OllamaScriptedWire.loadReply(
                    model: model, reason: "unload", chat: chat, flavour: behaviour.flavour))
            }
            _ = await state.ensureLoaded(model, numGPU: numGPU)
            return RouteSupport.json(OllamaScriptedWire.loadReply(model: model, chat: chat, flavour: behaviour.flavour))
        }
        let load = await state.ensureLoaded(model, numGPU: numGPU)
        let vram = await state.resident[State.canonical(model)] ?? 0
        // The layers in GPU memory decode at the GPU's pace, the rest at the CPU's: num_gpu 1 of 29 layers
        // is barely faster than none (the paper's harness asked for 1, thinking it meant "on").
        let onGPU = min(1, Double(vram) / Double(max(behaviour.size(of: model), 1)))
        let speedup = 1 / ((1 - onGPU) + onGPU / behaviour.gpuSpeedup)
        var played = await state.script
        if let play = behaviour.perModel[model] { played.delays = play.delays }
        let script = played
        if case .httpStatus(let status, let body) = script.failure {
            return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        if let reply = script.failure.replacingReply(authorization: authorization) { return reply }
        let limit = (options["num_predict"] as? Int).map { min($0, script.tokens.count) } ?? script.tokens.count
        let tokens = Array(script.tokens.prefix(limit))
        if fields["stream"] as? Bool == false {
            // One JSON object once generation is over, as Ollama answers `stream: false`.
            let start = Instant.now()
            let total = tokens.indices.compactMap { script.delay(before: $0) }.reduce(Duration.zero, +) / speedup
            if total > .zero { try? await Task.sleep(for: total) }
            let final = finalChunk(
                tokens: tokens.count, script: script, behaviour: behaviour, load: load, received: received, start: start,
                first: nil, last: nil, done: Instant.now(), stopReason: limit < script.tokens.count ? "length" : script.stopReason)
            return RouteSupport.json(OllamaScriptedWire.final(
                final, model: model, chat: chat, flavour: behaviour.flavour, text: tokens.joined(),
                overrides: behaviour.finalOverrides))
        }
        return Response(
            status: .ok, headers: [.contentType: "application/x-ndjson"],
            body: ResponseBody { writer in
                let start = Instant.now()
                await state.streamStarted(at: start)
                let gate = await state.gate
                var first: Instant?
                var last: Instant?
                for (index, token) in tokens.enumerated() {
                    switch script.failure {
                    case .dropConnectionAfter(let n) where index == n:
                        throw DroppedConnection()
                    case .malformedAfter(let n) where index == n:
                        try await writer.write(ByteBuffer(string: "<html><body>502 Bad Gateway</body></html>\n"))
                        try await writer.finish(nil)
                        return
                    case .truncatedAfter(let n) where index == n:
                        try await writer.write(ByteBuffer(string: #"{"model":"# + JSONText.string(model) + #","created_at":"2025-06-20T14:35:16.9"#))
                        try await writer.finish(nil)
                        return
                    case .errorAfter(let n, let message) where index == n:
                        try await writer.write(ByteBuffer(string: #"{"error":"# + JSONText.string(message) + "}\n"))
                        try await writer.finish(nil)
                        return
                    default: break
                    }
                    if try await script.failure.misbehave(at: index, with: &writer) { return }
                    await gate?.wait(for: index)
                    if let delay = script.delay(before: index) { try await Task.sleep(for: delay / speedup) }
                    let at = Instant.now()
                    if first == nil { first = at }
                    last = at
                    try await writer.write(ByteBuffer(string: OllamaScriptedWire.token(
                        token, model: model, chat: chat, flavour: behaviour.flavour)))
                    await state.wrote(at: at)
                }
                let done = Instant.now()
                let final = finalChunk(
                    tokens: tokens.count, script: script, behaviour: behaviour, load: load, received: received,
                    start: start, first: first, last: last, done: done, stopReason: limit < script.tokens.count ? "length" : script.stopReason)
                try await writer.write(ByteBuffer(string: OllamaScriptedWire.final(
                    final, model: model, chat: chat, flavour: behaviour.flavour, overrides: behaviour.finalOverrides)))
                try await writer.finish(nil)
            })
    }

    /// A request that only loads (or with `keep_alive: 0` unloads) the model: for Ollama an empty or absent
    /// prompt (`/api/generate`) or no messages (`/api/chat`); hailo-ollama tells it by the key's absence alone
    /// (an empty prompt is generated from).
    private static func generatesNothing(_ fields: [String: Any], chat: Bool, flavour: OllamaBehaviour.Flavour) -> Bool {
        let key = chat ? "messages" : "prompt"
        let value = fields[key]
        if flavour == .hailo { return value == nil || value is NSNull }
        return chat ? (value as? [Any] ?? []).isEmpty : (value as? String ?? "").isEmpty
    }

    /// `keep_alive` 0 in either of Ollama's forms: seconds as a number, or a duration text ("0", "0s", "0m").
    private static func keepsAliveZero(_ value: Any?) -> Bool {
        if let number = value as? NSNumber { return number.doubleValue == 0 }
        guard let text = value as? String else { return false }
        return Double(text.trimmingCharacters(in: CharacterSet(charactersIn: "hms"))) == 0
    }

    /// The server's own timings, measured on its clock the way Ollama does: prompt eval until the first
    /// token, eval over the generated tokens (each token's share of the decode span).
    private static func finalChunk(
        tokens: Int, script: Script, behaviour: OllamaBehaviour, load: Duration, received: Instant, start: Instant,
        first: Instant?, last: Instant?, done: Instant, stopReason: String
    ) -> OllamaScriptedWire.Final {
        let ns = { (seconds: Double) in Int64((seconds * 1e9).rounded()) }
        let promptEval = first.map { $0.seconds(since: start) } ?? 0
        var eval = 0.0
        if let first, let last, tokens > 1 {
            // the span's share extrapolated to every token, but never more than the request's total_duration:
            // a real server measures time that passed, and the client checks it against the request
            // (METRICS.md, Plausibility). Under load one long gap made the extrapolation exceed it.
            eval = min(last.seconds(since: first) * Double(tokens) / Double(tokens - 1), done.seconds(since: received))
        }
        let loadSeconds = Double(load.components.seconds) + Double(load.components.attoseconds) / 1e18
        var final = OllamaScriptedWire.Final(
            doneReason: stopReason, totalNS: ns(done.seconds(since: received)), loadNS: ns(loadSeconds),
            promptEvalCount: behaviour.omitsPromptEvalCount ? nil : script.promptTokens, promptEvalNS: ns(promptEval),
            evalCount: tokens, evalNS: ns(eval))
        if behaviour.durationUnit == .millisecondsRKLLama {
            final.promptEvalNS = Int64((promptEval * 1e3).rounded())
            final.evalNS = Int64((eval * 1e3).rounded())
            final.loadNS = 100_000_000
        }
        return final
    }
}
