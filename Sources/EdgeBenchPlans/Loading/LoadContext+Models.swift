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
        let served = fields.string("served")
        guard let name else { return nil }
        return (ModelSpec(name: name, file: file, served: served), name)
    }
}
