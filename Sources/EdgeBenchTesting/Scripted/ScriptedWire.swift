import EdgeBenchCore

/// The bytes ScriptedLLMServer sends, shaped like llama-server b11434's real output
/// (see fixtures/llm-servers/llama.cpp-b11434-cpu-2vcpu-xeon-vm).
enum ScriptedWire {

    static func event(_ json: String) -> String { "data: " + json + "\n\n" }

    // MARK: llama.cpp native /completion

    static func nativeToken(_ text: String, index: Int, promptTokens: Int) -> String {
        event(#"{"index":0,"content":"# + JSONText.string(text) + #","tokens":["# + String(index + 1000)
            + #"],"stop":false,"id_slot":-1,"tokens_predicted":"# + String(index + 1) + #","tokens_evaluated":"#
            + String(promptTokens) + "}")
    }

    static func nativeFinal(_ script: Script, prompt: PromptAccount) -> String {
        var json = #"{"index":0,"content":"","tokens":[],"id_slot":-1,"stop":true,"model":"scripted","tokens_predicted":"#
            + completionCount(script) + #","tokens_evaluated":"# + String(prompt.total)
            + #","prompt":"","has_new_line":false,"truncated":false,"stop_type":"# + JSONText.string(nativeStopType(script.stopReason))
            + #","stopping_word":"","tokens_cached":"# + String(prompt.total + script.tokens.count)
        if let timings = timings(script, prompt: prompt, native: true) { json += #","timings":"# + timingsJSON(timings) }
        return event(json + "}")
    }

    static func completionCount(_ script: Script) -> String {
        script.reportedCompletionTokens ?? String(script.tokens.count)
    }

    /// The script's timings, with llama-server's prompt accounting when it plays a prompt cache (on the native
    /// path `timings` is the only place a cache hit can be reported).
    static func timings(_ script: Script, prompt: PromptAccount, native: Bool) -> ServerTimings? {
        guard script.promptCache == .llamaCpp || (script.promptCache == .automatic && native) else { return script.timings }
        var timings = script.timings ?? ServerTimings()
        timings.promptTokens = prompt.evaluated
        timings.cachedTokens = prompt.cached
        return timings
    }

    static func nativeStopType(_ reason: String) -> String {
        switch reason {
        case "length": return "limit"
        case "stop": return "eos"
        default: return reason
        }
    }

    /// llama-server's `timings` object: durations in ms.
    static func timingsJSON(_ t: ServerTimings) -> String {
        var fields: [String] = []
        if let v = t.cachedTokens { fields.append(#""cache_n":"# + String(v)) }
        if let v = t.promptTokens { fields.append(#""prompt_n":"# + String(v)) }
        if let v = t.promptDuration { fields.append(#""prompt_ms":"# + JSONText.number(v * 1000)) }
        if let v = t.promptRate { fields.append(#""prompt_per_second":"# + JSONText.number(v)) }
        if let v = t.predictedTokens { fields.append(#""predicted_n":"# + String(v)) }
        if let v = t.predictedDuration { fields.append(#""predicted_ms":"# + JSONText.number(v * 1000)) }
        if let v = t.predictedRate { fields.append(#""predicted_per_second":"# + JSONText.number(v)) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    // MARK: OpenAI /v1/chat/completions and /v1/completions

    static func roleChunk(model: String) -> String {
        event(#"{"choices":[{"finish_reason":null,"index":0,"delta":{"role":"assistant","content":null}}]"# + tail(model))
    }

    static func contentChunk(_ text: String, chat: Bool, model: String) -> String {
        if chat {
            return event(#"{"choices":[{"finish_reason":null,"index":0,"delta":{"content":"# + JSONText.string(text) + "}}]" + tail(model))
        }
        return event(#"{"choices":[{"text":"# + JSONText.string(text) + #","index":0,"logprobs":null,"finish_reason":null}]"# + tail(model, object: "text_completion"))
    }

    static func finishChunk(_ reason: String, chat: Bool, model: String) -> String {
        if chat {
            return event(#"{"choices":[{"finish_reason":"# + JSONText.string(reason) + #","index":0,"delta":{}}]"# + tail(model))
        }
        return event(#"{"choices":[{"text":"","index":0,"logprobs":null,"finish_reason":"# + JSONText.string(reason) + "}]"
            + tail(model, object: "text_completion"))
    }

    static func usageChunk(_ script: Script, prompt: PromptAccount, chat: Bool, model: String) -> String {
        let cached = script.promptCache == .none ? script.timings?.cachedTokens ?? 0 : prompt.cached
        var json = #"{"choices":[],"usage":{"completion_tokens":"# + completionCount(script) + #","prompt_tokens":"#
            + String(prompt.total) + #","total_tokens":"# + String(prompt.total + script.tokens.count)
            + #","prompt_tokens_details":{"cached_tokens":"# + String(cached) + "}}"
        if let timings = timings(script, prompt: prompt, native: false) { json += #","timings":"# + timingsJSON(timings) }
        return event(json + tail(model, object: chat ? "chat.completion.chunk" : "text_completion"))
    }

    static let done = "data: [DONE]\n\n"

    private static func tail(_ model: String, object: String = "chat.completion.chunk") -> String {
        #","created":1795328936,"id":"chatcmpl-scripted","model":"# + JSONText.string(model)
            + #","system_fingerprint":"b11434-scripted","object":"# + JSONText.string(object) + "}"
    }
}
