import EdgeBenchCore
import Yams

extension LoadContext {
    static let modelKeys = ["name", "file", "served"]

    func model(_ node: Node, index: Int) -> (ModelSpec, String)? {
        guard
            let fields = Fields(
                node, subject: subject(node, what: "model", index: index), expected: "name, file, served", known: Self.modelKeys,
                diagnostics: diagnostics)
        else { return nil }
        let name = itemName(fields, what: "model", index: index, example: "smollm2")
        let file = fields.string("file")
        var served: String?
        var servedBy: [String: String] = [:]
        if let node = fields.node("served") {
            if node.scalar != nil {
                served = fields.string("served")
            } else if let mapping = node.mapping {
                // One model, a different name on each runtime (qwen2.5:1.5b on Ollama, qwen2.5-1.5B-ax630c on StackFlow).
                for (key, value) in mapping {
                    guard let engine = key.scalar?.string, let name = value.scalar?.string else {
                        diagnostics.error("'served' entries must be engine: name, e.g. ollama: qwen2.5:1.5b", at: key.mark)
                        continue
                    }
                    servedBy[engine] = name
                }
            } else {
                diagnostics.error(
                    "'served' must be the served name, or a map from engine name or kind to it (e.g. ollama: qwen2.5:1.5b), got \(node.describedValue)",
                    at: node.mark)
            }
        }
        guard let name else { return nil }
        return (ModelSpec(name: name, file: file, served: served, servedBy: servedBy), name)
    }
}
