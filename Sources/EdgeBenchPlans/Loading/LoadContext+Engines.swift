import EdgeBenchCore
import Foundation
import Yams

extension LoadContext {
    static let engineKeys = [
        "name", "kind", "url", "server_path", "threads", "context", "gpu_layers", "api_key_env", "timeout",
        "extra_args",
    ]
    static let kinds = EngineSpec.Kind.allCases.map(\.rawValue)

    func engine(_ node: Node, index: Int) -> (EngineSpec, String)? {
        guard
            let fields = Fields(
                node, subject: subject(node, what: "engine", index: index), expected: "name, kind, …", known: Self.engineKeys,
                diagnostics: diagnostics)
        else { return nil }
        let name = itemName(fields, what: "engine", index: index, example: "local")

        var kind: EngineSpec.Kind?
        if let raw = fields.string("kind", required: "one of \(Self.kinds.joined(separator: ", "))") {
            kind = EngineSpec.Kind(rawValue: raw)
            if kind == nil {
                let mark = fields.node("kind")?.mark
                let guess = KeySuggestion.closest(to: raw, in: Self.kinds).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.error(
                    "'kind' must be one of \(Self.kinds.joined(separator: ", ")), got \"\(raw)\"\(guess)", at: mark)
            }
        }

        let url = fields.string("url")
        if let url, let urlNode = fields.node("url") { checkURL(url, at: urlNode.mark) }
        let serverPath = fields.string("server_path")
        let threads = fields.int("threads", minimum: 1)
        let context = fields.int("context", minimum: 1)
        let gpuLayers = fields.int("gpu_layers", minimum: 0)
        let apiKeyEnv = fields.string("api_key_env")
        let timeout = fields.double("timeout", in: 0.001...1e9, expected: "a number of seconds > 0")
        let extraArgs = fields.strings("extra_args")?.map(\.0) ?? []

        if let kind {
            switch kind {
            case .managed:
                // A managed engine starts its own llama-server, so there is nothing to connect to.
                if fields.has("url") {
                    diagnostics.error(
                        "'url' is for engines of kind llamacpp or openai; a managed engine starts its own server, so remove 'url' (or change 'kind')",
                        at: fields.keyMark("url"))
                }
            case .llamacpp, .openai:
                if url == nil, !fields.has("url") {
                    fields.missing("url", "the running server's base URL, e.g. url: http://127.0.0.1:8080\(kind == .openai ? "/v1" : "")")
                }
                for key in ["server_path", "threads", "context", "gpu_layers", "extra_args"] where fields.has(key) {
                    diagnostics.error(
                        "'\(key)' applies only to managed engines (EdgeBench starts the server); for kind \(kind.rawValue), set it on the server you run, or use kind: managed",
                        at: fields.keyMark(key))
                }
            }
        }
        guard let name, let kind else { return nil }
        return (
            EngineSpec(
                name: name, kind: kind, url: url, serverPath: serverPath, threads: threads, contextSize: context,
                gpuLayers: gpuLayers, apiKeyEnv: apiKeyEnv, timeout: timeout, extraArgs: extraArgs),
            name
        )
    }

    func checkURL(_ text: String, at mark: Mark?) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            diagnostics.error("'url' must be an http:// or https:// URL with a host, e.g. http://127.0.0.1:8080/v1, got \"\(text)\"", at: mark)
            return
        }
    }
}
