import EdgeBenchCore
import Foundation
import Yams

extension LoadContext {
    static let engineKeys = [
        "name", "kind", "url", "server_path", "threads", "context", "offload", "gpu_layers", "api_key_env", "timeout",
        "idle_timeout", "extra_args", "llama_bench", "device", "power", "parallel",
    ]
    /// Keys every kind takes; the rest are `EngineSetting`s, honoured per kind.
    static let commonEngineKeys: Set<String> = ["name", "kind", "timeout", "idle_timeout", "url", "device", "power"]

    var kinds: [String] { catalog.kinds.map(\.rawValue) }

    func engine(_ node: Node, index: Int) -> (EngineSpec, String)? {
        guard
            let fields = Fields(
                node, subject: subject(node, what: "engine", index: index), expected: "name, kind, …", known: Self.engineKeys,
                diagnostics: diagnostics)
        else { return nil }
        let name = itemName(fields, what: "engine", index: index, example: "local")

        var capabilities: EngineCapabilities?
        if let raw = fields.string("kind", required: "one of \(kinds.joined(separator: ", "))") {
            capabilities = catalog[EngineKind(raw)]
            if capabilities == nil {
                let mark = fields.node("kind")?.mark
                let guess = KeySuggestion.closest(to: raw, in: kinds).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.error(
                    "'kind' must be one of \(kinds.joined(separator: ", ")), got \"\(raw)\"\(guess)", at: mark)
            }
        }

        let url = fields.string("url")
        if let url, let urlNode = fields.node("url") { checkURL(url, engine: capabilities, at: urlNode.mark) }
        let serverPath = fields.string("server_path")
        let threads = fields.int("threads", minimum: 1)
        let context = fields.int("context", minimum: 1)
        let offload = readOffload(fields)
        let apiKeyEnv = fields.string("api_key_env")
        let timeout = fields.double("timeout", in: 0.001...1e9, expected: "a number of seconds > 0").flatMap(Duration.rounded(seconds:))
        let idleTimeout = fields.double("idle_timeout", in: 0.001...1e9, expected: "a number of seconds > 0")
            .flatMap(Duration.rounded(seconds:))
        let extraArgs = fields.strings("extra_args")?.map(\.0) ?? []
        let llamaBench = fields.bool("llama_bench") ?? false
        let parallel = fields.int("parallel", minimum: 1)
        // resolved against `devices:` and the catalog by the runner (Plans has no catalog)
        _ = fields.string("device")

        if let capabilities {
            let kind = capabilities.kind
            if capabilities.runsLocally {
                // A managed engine starts its own llama-server (llama-bench runs in-process): nothing to connect to.
                if fields.has("url") {
                    diagnostics.error(
                        "'url' is for engines that connect to a running server; a \(kind.rawValue) engine runs on this machine, so remove 'url' (or change 'kind')",
                        at: fields.keyMark("url"))
                }
            } else if url == nil, !fields.has("url") {
                fields.missing("url", "the running server's address, e.g. url: \(capabilities.exampleURL)")
            }
            for key in Self.engineKeys where fields.has(key) && !Self.accepts(capabilities, key) {
                diagnostics.error(notApplicable(key, kind), at: fields.keyMark(key))
            }
        }
        guard let name, let kind = capabilities?.kind else { return nil }
        return (
            EngineSpec(
                name: name, kind: kind, url: url, serverPath: serverPath, threads: threads, contextSize: context,
                offload: offload, apiKeyEnv: apiKeyEnv, timeout: timeout, extraArgs: extraArgs, llamaBench: llamaBench,
                idleTimeout: idleTimeout, parallel: parallel),
            name
        )
    }

    /// `offload: all | none | <layers>`, or `gpu_layers: <layers>` as llama.cpp users write it.
    func readOffload(_ fields: Fields) -> Offload? {
        if fields.has("offload"), fields.has("gpu_layers") {
            diagnostics.error("give 'offload' or 'gpu_layers', not both (they say the same thing)", at: fields.keyMark("gpu_layers"))
        }
        if let layers = fields.int("gpu_layers", minimum: 0) { return layers == 0 ? Offload.none : .layers(layers) }
        guard let node = fields.node("offload") else { return nil }
        if let text = node.scalar?.string, let offload = Offload(text) { return offload }
        diagnostics.error(
            "'offload' must be all, none or a number of layers (llama.cpp -ngl, Ollama num_gpu), got \"\(node.scalar?.string ?? "a list")\"",
            at: node.mark)
        return nil
    }

    /// Whether `key` means something for this kind: EdgeBench sends it (Ollama options) or uses it to
    /// start the server (managed). Anything else would be silently ignored, so it is an error.
    static func accepts(_ engine: EngineCapabilities, _ key: String) -> Bool {
        // a url on a local kind has its own message
        if commonEngineKeys.contains(key) { return true }
        return EngineSetting(rawValue: key).map(engine.honours) ?? false
    }

    func notApplicable(_ key: String, _ kind: EngineKind) -> String {
        switch key {
        case "llama_bench":
            return "'llama_bench' adds an in-process llama-bench run next to a managed llama-server; for kind \(kind.rawValue), add an engine of kind llama-bench instead"
        case "threads", "context", "offload", "gpu_layers":
            let honouring = EngineSetting(rawValue: key).map(catalog.kindsHonouring) ?? ""
            return "'\(key)' applies to \(honouring) engines (EdgeBench starts the engine or sends Ollama options); for kind \(kind.rawValue), set it on the server you run"
        case "parallel":
            return "'parallel' sets how many requests a managed llama-server decodes at once (-np); for kind \(kind.rawValue), set it on the server you run (Ollama: OLLAMA_NUM_PARALLEL)"
        case "api_key_env":
            return "'api_key_env' is for HTTP servers that check a bearer token; kind \(kind.rawValue) takes none"
        default:
            return "'\(key)' applies only to managed engines (EdgeBench starts the server); for kind \(kind.rawValue), set it on the server you run, or use kind: managed"
        }
    }

    func checkURL(_ text: String, engine: EngineCapabilities?, at mark: Mark?) {
        let capabilities = engine ?? EngineCapabilities(
            kind: "openai", displayName: "", summary: "", requestOptions: [], defaultPort: 8080,
            exampleURL: "http://127.0.0.1:8080/v1")
        if let problem = capabilities.urlProblem(text) { diagnostics.error("'url' \(problem)", at: mark) }
    }
}
