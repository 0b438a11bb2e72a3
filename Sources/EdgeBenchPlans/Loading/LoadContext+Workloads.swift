import EdgeBenchCore
import Foundation
import Yams

extension LoadContext {
    static let workloadKeys = [
        "name", "prompt", "prompt_file", "system", "api", "max_tokens", "temperature", "top_k", "top_p", "seed",
        "repeat_penalty", "cache", "cache_prompt", "stop", "load", "slo", "start", "prompt_tokens",
    ]
    static let apis = ["chat", "completion"]

    func workload(_ node: Node, index: Int) -> (LoadedWorkload, String)? {
        guard
            let fields = Fields(
                node, subject: subject(node, what: "workload", index: index), expected: "name, prompt, max_tokens, …",
                known: Self.workloadKeys, diagnostics: diagnostics)
        else { return nil }
        let name = itemName(fields, what: "workload", index: index, example: "short")

        let lengths = promptLengths(fields)
        // With prompt_tokens the prompt is only the filler to repeat: the built-in one when none is given.
        let given = fields.has("prompt") || fields.has("prompt_file") || !fields.has("prompt_tokens")
        let prompt = given ? self.prompt(fields) : PromptFiller.defaultSource
        if fields.has("prompt_tokens"), let prompt, prompt.isEmpty {
            diagnostics.error(
                "\(fields.subject) builds its prompt from 'prompt' (prompt_tokens), which is empty; give it text to "
                    + "repeat, or leave 'prompt' out for the built-in filler", at: fields.node("prompt")?.mark ?? fields.keyMark("prompt_file"))
        }
        let maxTokens = fields.int(
            "max_tokens", minimum: 1, required: "the most tokens to generate, e.g. max_tokens: 128")
        var api = GenerationRequest.API.chat
        if let raw = fields.string("api") {
            if let parsed = GenerationRequest.API(rawValue: raw) {
                api = parsed
            } else {
                diagnostics.error(
                    "'api' must be chat (messages through the chat template) or completion (raw text), got \"\(raw)\"",
                    at: fields.node("api")?.mark)
            }
        }
        let request = GenerationRequest(
            prompt: prompt ?? "", systemPrompt: fields.string("system"), api: api, maxTokens: maxTokens ?? 1,
            temperature: fields.double("temperature", in: 0...100, expected: "a number ≥ 0 (0 = greedy)") ?? 0,
            topK: fields.int("top_k", minimum: 0),
            topP: fields.double("top_p", in: 0...1, expected: "a number from 0 to 1"),
            seed: fields.anyInt("seed") ?? 42,
            repeatPenalty: fields.double("repeat_penalty", in: 0.000_001...100, expected: "a number > 0 (1 = off)"),
            cache: promptCache(fields),
            stop: fields.strings("stop")?.map(\.0) ?? [])
        let slo = serviceLevels(fields)
        let loads = loadLevels(fields)
        guard let name, prompt != nil, maxTokens != nil, lengths != nil || !fields.has("prompt_tokens") else { return nil }
        var workload = Workload(
            name: name, request: request, slo: slo, start: modelStart(fields),
            promptTokens: lengths.flatMap { $0.isList ? nil : $0.values.first?.value },
            promptInstruction: given ? nil : PromptFiller.defaultInstruction)
        workload.loads = loads
        return (LoadedWorkload(workload: workload, promptLengths: lengths), name)
    }

    /// `start: warm | cold`; warm, the default, when absent. Whether the engines can start cold is checked
    /// once the matrix is known (`checkColdStarts`).
    func modelStart(_ fields: Fields) -> ModelStart {
        guard let raw = fields.string("start") else { return .warm }
        guard let start = ModelStart(rawValue: raw) else {
            diagnostics.error(
                "'start' must be warm (the model stays loaded between requests, the default) or cold (the model is "
                    + "unloaded before every measured request, which then waits for it to load), got \"\(raw)\"",
                at: fields.node("start")?.mark)
            return .warm
        }
        return start
    }

    /// `cache: cold | warm`; `cache_prompt: true | false` (llama.cpp's own word, the key before `cache`) is
    /// read as warm | cold so existing plans keep their meaning. Both at once is ambiguous: an error.
    func promptCache(_ fields: Fields) -> PromptCache {
        let legacy = fields.bool("cache_prompt")
        guard let raw = fields.string("cache") else { return legacy == true ? .warm : .cold }
        if fields.has("cache_prompt") {
            diagnostics.error(
                "\(fields.subject) has both 'cache' and 'cache_prompt'; keep 'cache' (cache_prompt: true is cache: warm)",
                at: fields.keyMark("cache_prompt"))
        }
        guard let cache = PromptCache(rawValue: raw) else {
            diagnostics.error(
                "'cache' must be cold (every request evaluates its whole prompt) or warm (the server may reuse its "
                    + "prompt cache), got \"\(raw)\"",
                at: fields.node("cache")?.mark)
            return .cold
        }
        return cache
    }

    /// `prompt` inline, or `prompt_file` relative to the plan's directory — exactly one of them.
    func prompt(_ fields: Fields) -> String? {
        let inline = fields.string("prompt")
        guard let fileNode = fields.node("prompt_file") else {
            if inline == nil, !fields.has("prompt") {
                fields.missing("prompt", "the text to send, or prompt_file: a file relative to the plan")
            }
            return inline
        }
        if fields.has("prompt") {
            diagnostics.error(
                "\(fields.subject) has both 'prompt' and 'prompt_file'; keep one of them", at: fields.keyMark("prompt_file"))
            return nil
        }
        guard let path = fields.string("prompt_file") else { return nil }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            diagnostics.error(
                "cannot read prompt_file '\(path)' (\(url.standardizedFileURL.path): \(PlanLoader.reason(error))); relative paths start at the plan file's directory",
                at: fileNode.mark)
            return nil
        }
        guard var text = String(data: data, encoding: .utf8) else {
            diagnostics.error("prompt_file '\(path)' is not UTF-8 text; save it as UTF-8", at: fileNode.mark)
            return nil
        }
        // Editors end files with a newline the author did not mean as part of the prompt.
        if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
