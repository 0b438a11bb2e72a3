import EdgeBenchCore

/// Served model names read as one model, so that an import's rows pair for accelerator_gain: each runtime
/// of the paper names the same weights its own way. Keys are compared case-insensitively.
///
/// The built-in table maps the hailo-ollama and StackFlow names of models that Ollama also serves to
/// Ollama's tag (the harness's own name for them); `--model-alias SERVED=MODEL` and a plan's `served:`
/// map (`--plan`) add to it and win over it.
public struct ModelAliases: Sendable, Equatable {
    /// lowercased served name → the model's name
    public private(set) var names: [String: String]

    /// served name on hailo-ollama or StackFlow → Ollama's tag for the same model
    public static let builtIn: [(served: String, model: String)] = [
        ("qwen2.5-instruct:1.5b", "qwen2.5:1.5b"),  // hailo-ollama
        ("qwen2.5-1.5B-ax630c", "qwen2.5:1.5b"),  // StackFlow
        ("qwen2.5-0.5B-prefill-20e", "qwen2.5:0.5b"),  // StackFlow
        ("qwen2.5-coder-0.5B-ax630c", "qwen2.5-coder:0.5b"),  // StackFlow
        ("llama3.2-1B-prefill-ax630c", "llama3.2:1b"),  // StackFlow (hailo-ollama serves it as llama3.2:1b)
        ("deepseek-r1-1.5B-ax630c", "deepseek-r1:1.5b"),  // StackFlow
        ("deepseek_r1:1.5b", "deepseek-r1:1.5b"),  // hailo-ollama
    ]

    public init(builtIn: Bool = true) {
        names = [:]
        if builtIn { for (served, model) in Self.builtIn { names[served.lowercased()] = model } }
    }

    /// Adds `served` → `model`, replacing what was there (later sources win over earlier ones).
    public mutating func add(_ served: String, _ model: String) {
        names[served.trimmingCharacters(in: .whitespaces).lowercased()] = model.trimmingCharacters(in: .whitespaces)
    }

    /// A plan's models: every served name, plain or per engine, → the model's name in the plan.
    public mutating func add(plan models: [ModelSpec]) {
        for model in models {
            for served in [model.served].compactMap({ $0 }) + model.servedBy.values.sorted() {
                add(served, model.name)
            }
        }
    }

    /// The model a served name stands for (itself when it has no alias).
    public func model(_ served: String) -> String { names[served.lowercased()] ?? served }
}
