import EdgeBenchCore
import Foundation
import Hummingbird

extension ScriptedLLMServer {
    struct DroppedConnection: Error {}

    static func addRoutes(to router: Router<BasicRequestContext>, state: State, model: String) {
        router.get("/health") { request, _ in
            await RouteSupport.record(request, body: "", in: state.log)
            switch await state.health {
            case .ok: return RouteSupport.json(#"{"status":"ok"}"#)
            case .loading:
                return RouteSupport.json(#"{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}"#, status: 503)
            }
        }
        router.get("/props") { request, _ in
            await RouteSupport.record(request, body: "", in: state.log)
            return RouteSupport.json(#"{"default_generation_settings":{"n_ctx":2048},"total_slots":1,"model_alias":"# + JSONText.string(model)
                + #","model_ftype":"Q4_1","model_path":"/models/"# + model + #".gguf","build_info":"b11434-scripted"}"#)
        }
        router.get("/v1/models") { request, _ in
            await RouteSupport.record(request, body: "", in: state.log)
            let owner = await state.script.promptCache == .automatic ? "vllm" : "llamacpp"
            return RouteSupport.json(#"{"object":"list","data":[{"id":"# + JSONText.string(model)
                + #","object":"model","created":1795328935,"owned_by":"# + JSONText.string(owner) + #","meta":{"n_ctx":2048,"n_ctx_train":8192,"n_params":134515008,"size":96576768,"ftype":"Q4_1"}}]}"#)
        }
        router.post("/tokenize") { request, _ in
            let body = try await RouteSupport.text(of: request)
            await RouteSupport.record(request, body: body, in: state.log)
            let content = (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["content"] as? String ?? ""
            let count = content.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
            return RouteSupport.json(#"{"tokens":["# + (0..<count).map { String($0 + 1) }.joined(separator: ",") + "]}")
        }
        router.post("/completion") { request, _ in
            let received = SendLog.Received.now()
            let body = try await RouteSupport.text(of: request)
            await RouteSupport.record(request, body: body, in: state.log)
            let fields = RouteSupport.fields(body)
            let prompt = await state.account(
                prompt: fields["prompt"] as? String ?? "", cachePromptField: fields["cache_prompt"] as? Bool)
            return await stream(state: state, path: "/completion", received: received, authorization: request.headers[.authorization]) { script in
                script.tokens.enumerated().map { ScriptedWire.nativeToken($0.element, index: $0.offset, promptTokens: prompt.total) }
            } epilogue: { script in
                [ScriptedWire.nativeFinal(script, prompt: prompt)]
            }
        }
        for (path, chat) in [("/v1/chat/completions", true), ("/v1/completions", false)] {
            router.post(RouterPath(path)) { request, _ in
                let received = SendLog.Received.now()
                let body = try await RouteSupport.text(of: request)
                await RouteSupport.record(request, body: body, in: state.log)
                let fields = RouteSupport.fields(body)
                if let asked = fields["model"] as? String, asked != model {
                    return RouteSupport.json(#"{"error":{"message":"The model `"# + asked + #"` does not exist.","type":"invalid_request_error","code":"model_not_found"}}"#, status: 404)
                }
                let usage = ((fields["stream_options"] as? [String: Any])?["include_usage"] as? Bool) == true
                let text = chat
                    ? ((fields["messages"] as? [[String: Any]]) ?? []).compactMap { $0["content"] as? String }.joined(separator: " ")
                    : fields["prompt"] as? String ?? ""
                let prompt = await state.account(prompt: text, cachePromptField: fields["cache_prompt"] as? Bool)
                return await stream(state: state, path: path, received: received, authorization: request.headers[.authorization]) { script in
                    (script.sendsRoleChunk && chat ? [ScriptedWire.roleChunk(model: model)] : [])
                        + script.tokens.map { ScriptedWire.contentChunk($0, chat: chat, model: model) }
                } epilogue: { script in
                    [ScriptedWire.finishChunk(script.stopReason, chat: chat, model: model)]
                        + (usage && script.sendsUsage ? [ScriptedWire.usageChunk(script, prompt: prompt, chat: chat, model: model)] : [])
                        + [ScriptedWire.done]
                }
            }
        }
    }

    /// Streams `tokens` (one write each, after the script's delay), then `epilogue`, applying the script's failure.
    /// A role-only first chunk in `tokens` is sent without delay and not counted as a token.
    private static func stream(
        state: State, path: String, received: SendLog.Received, authorization: String?, tokens: @escaping @Sendable (Script) -> [String], epilogue: @escaping @Sendable (Script) -> [String]
    ) async -> Response {
        let script = await state.script
        let gate = await state.gate
        if case .httpStatus(let status, let body) = script.failure {
            return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        if let reply = script.failure.replacingReply(authorization: authorization) { return reply }
        let chunks = tokens(script)
        let leading = chunks.count - script.tokens.count
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                // closed before the reply's end reaches the client, so a stream sent after it never overlaps
                let stream = await state.streamOpened()
                do {
                    try await write(&writer, stream: stream)
                } catch {
                    await state.streamClosed(stream)
                    throw error
                }
                await state.streamClosed(stream)
            })

        @Sendable func write(_ writer: inout any ResponseBodyWriter, stream: Int) async throws {
                await state.streamStarted(at: Instant.now())
                let sendLog = state.sendLog
                var tokenWrites: [UInt64] = []
                if sendLog != nil { tokenWrites.reserveCapacity(script.tokens.count) }
                for (index, chunk) in chunks.enumerated() {
                    let tokenIndex = index - leading
                    if tokenIndex >= 0 {
                        switch script.failure {
                        case .dropConnectionAfter(let n) where tokenIndex == n:
                            throw DroppedConnection()
                        case .malformedAfter(let n) where tokenIndex == n:
                            try await writer.write(ByteBuffer(string: "data: {\"content\": tru\n\n"))
                            try await writer.finish(nil)
                            return
                        default: break
                        }
                        if try await script.failure.misbehave(at: tokenIndex, with: &writer) { return }
                        await gate?.wait(for: tokenIndex)
                        if let delay = script.delay(before: tokenIndex) { try await Task.sleep(for: delay) }
                        // Stamp right before the write; recording it waits until after, off the measured path.
                        let writing = Instant.now()
                        if sendLog != nil { tokenWrites.append(SendLog.monotonicNanoseconds()) }
                        try await writer.write(ByteBuffer(string: chunk))
                        await state.wrote(at: writing)
                    } else {
                        try await writer.write(ByteBuffer(string: chunk))
                    }
                }
                for chunk in epilogue(script) { try await writer.write(ByteBuffer(string: chunk)) }
                await state.streamClosed(stream)
                try await writer.finish(nil)
                sendLog?.append(path: path, received: received, tokenWrites: tokenWrites)
        }
    }
}
