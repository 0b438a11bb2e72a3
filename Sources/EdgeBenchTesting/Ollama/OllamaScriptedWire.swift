import EdgeBenchCore

/// The NDJSON lines a `ScriptedOllamaServer` writes, shaped like the captures in
/// fixtures/llm-servers/ollama-api-*.ndjson (and, for hailo-ollama, its oatpp DTOs with nulls).
enum OllamaScriptedWire {
    static let createdAt = #""created_at":"2025-06-20T14:35:16.850186631Z""#

    static func token(_ text: String, model: String, chat: Bool, flavour: OllamaBehaviour.Flavour) -> String {
        let body = chat
            ? #""message":{"role":"assistant","content":"# + JSONText.string(text) + "}"
                + (flavour == .hailo ? #","response":null"# : "")
            : #""response":"# + JSONText.string(text) + (flavour == .hailo ? #","message":null"# : "")
        return "{" + #""model":"# + JSONText.string(model) + "," + createdAt + "," + body + #","done":false}"# + "\n"
    }

    struct Final {
        var doneReason: String
        var totalNS: Int64
        var loadNS: Int64
        var promptEvalCount: Int?
        var promptEvalNS: Int64
        var evalCount: Int
        var evalNS: Int64
    }

    /// The last line of a stream (`text` empty), or the whole answer of a `stream: false` request.
    static func final(
        _ f: Final, model: String, chat: Bool, flavour: OllamaBehaviour.Flavour, text: String = "",
        overrides: [String: String] = [:]
    ) -> String {
        var fields = [#""model":"# + JSONText.string(model), createdAt]
        fields.append(chat
            ? #""message":{"role":"assistant","content":"# + JSONText.string(text) + "}"
            : #""response":"# + JSONText.string(text))
        fields.append(#""done_reason":"# + JSONText.string(f.doneReason))
        fields.append(#""done":true"#)
        func number(_ key: String, _ value: String?) {
            guard let value = overrides[key] ?? value else { return }
            fields.append("\"\(key)\":\(value)")
        }
        number("total_duration", String(f.totalNS))
        number("load_duration", String(f.loadNS))
        number("prompt_eval_count", f.promptEvalCount.map(String.init))
        number("prompt_eval_duration", String(f.promptEvalNS))
        number("eval_count", String(f.evalCount))
        number("eval_duration", String(f.evalNS))
        return "{" + fields.joined(separator: ",") + "}\n"
    }

    /// What Ollama answers a request that generates nothing: done_reason "load" and zero metrics, as in
    /// fixtures/llm-servers/ollama-go-client-load-only-response-struct.txt, or "unload" with `keep_alive: 0`
    /// (Ollama's API documentation, "Unload a model"). hailo-ollama sends its `GenerationResponseFinal` DTO,
    /// every field it did not set as null (its controller's `handle_load_unload`).
    static func loadReply(
        model: String, reason: String = "load", chat: Bool = false, flavour: OllamaBehaviour.Flavour = .ollama
    ) -> String {
        guard flavour == .hailo else {
            let text = chat ? #""message":{"role":"assistant","content":""}"# : #""response":"""#
            return "{" + #""model":"# + JSONText.string(model) + "," + createdAt + "," + text + #","done":true,"done_reason":"#
                + JSONText.string(reason) + "}"
        }
        let text = chat
            ? #""response":null,"message":{"role":"assistant","content":"","tool_calls":null,"tool_name":null}"#
            : #""response":"","message":null"#
        return "{" + #""model":"# + JSONText.string(model) + "," + createdAt + "," + text + #","done":true,"done_reason":"#
            + JSONText.string(reason)
            + #","total_duration":null,"load_duration":null,"eval_count":null,"eval_duration":null,"#
            + #""prompt_eval_count":null,"prompt_eval_duration":null,"context":null}"#
    }

    /// hailo-ollama's `/api/ps`: its one loaded model as a `ModelInfoShort` (no size_vram, no context length),
    /// details as its qwen2:1.5b manifest has them.
    static func hailoPS(_ names: [String], behaviour: OllamaBehaviour) -> String {
        let entries = names.map { name in
            #"{"name":"# + JSONText.string(name) + #","model":"# + JSONText.string(name)
                + #","modified_at":"2025-06-20T14:30:00Z","size":"# + String(behaviour.size(of: name))
                + #","digest":null,"details":{"parent_model":"","format":"hef","family":"qwen2","families":["qwen2"],"#
                + #""parameter_size":"1.5B","quantization_level":"Q4_0"},"expires_at":"2025-06-20T15:05:16Z"}"#
        }
        return #"{"models":["# + entries.joined(separator: ",") + "]}"
    }

    static func notFound(_ model: String) -> String {
        #"{"error":"model '"# + model + #"' not found, try pulling it first"}"#
    }

    static func show(_ behaviour: OllamaBehaviour) -> String {
        let details = #""details":{"parent_model":"","format":"# + (behaviour.flavour == .hailo ? #""hef""# : #""gguf""#)
            + #","family":"qwen2","families":["qwen2"],"parameter_size":"494.03M","quantization_level":"Q4_K_M"}"#
        let info = behaviour.flavour == .hailo
            ? #""model_info":"{}""#
            : #""model_info":{"general.architecture":"qwen2","general.parameter_count":494032768,"qwen2.block_count":"#
                + String(behaviour.blockCount) + #","qwen2.context_length":32768}"#
        return #"{"license":"Apache 2.0","modelfile":"# + "\"# scripted\"," + #""parameters":"","# + details + "," + info
            + #","capabilities":["completion"],"modified_at":"2025-06-20T14:30:00Z"}"#
    }

    static func tags(_ behaviour: OllamaBehaviour) -> String {
        let entries = behaviour.models.map { name in
            #"{"name":"# + JSONText.string(name) + #","model":"# + JSONText.string(name)
                + #","modified_at":"2025-06-20T14:30:00Z","size":"# + String(behaviour.size(of: name))
                + #","digest":"a8b0c51577010a279d933d14c2a8ab4b268079d44c5c8830c0a93900f1827c67","details":{"format":"gguf","family":"qwen2","parameter_size":"494.03M","quantization_level":"Q4_K_M"}}"#
        }
        return #"{"models":["# + entries.joined(separator: ",") + "]}"
    }

    static func ps(_ resident: [(name: String, vram: Int64)], behaviour: OllamaBehaviour) -> String {
        if behaviour.flavour == .hailo { return hailoPS(resident.map(\.name), behaviour: behaviour) }
        let entries = resident.map { entry in
            #"{"name":"# + JSONText.string(entry.name) + #","model":"# + JSONText.string(entry.name) + #","size":"#
                + String(behaviour.size(of: entry.name))
                + #","digest":"a8b0c51577010a279d933d14c2a8ab4b268079d44c5c8830c0a93900f1827c67","details":{"format":"gguf","family":"qwen2","parameter_size":"494.03M","quantization_level":"Q4_K_M"},"expires_at":"2025-06-20T15:05:16Z","size_vram":"#
                + String(entry.vram) + #","context_length":4096}"#
        }
        return #"{"models":["# + entries.joined(separator: ",") + "]}"
    }
}
