import EdgeBenchCore
import Yams

extension LoadContext {
    static let matrixKeys = ["engine", "model", "workload", "threads", "context", "gpu_layers"]

    func readMatrix(_ node: Node, names: DefinedNames) -> PlanMatrix? {
        guard
            let fields = Fields(
                node, subject: "'matrix'", expected: Self.matrixKeys.joined(separator: ", "), known: Self.matrixKeys,
                diagnostics: diagnostics)
        else { return nil }
        return PlanMatrix(
            engines: nameAxis(fields, "engine", defined: names.engines),
            models: nameAxis(fields, "model", defined: names.models),
            workloads: nameAxis(fields, "workload", defined: names.workloads),
            threads: intAxis(fields, "threads", minimum: 1),
            contextSizes: intAxis(fields, "context", minimum: 1),
            gpuLayers: intAxis(fields, "gpu_layers", minimum: 0))
    }

    /// A list of defined names (one name alone is a list of one); nil when absent or wrong.
    func nameAxis(_ fields: Fields, _ key: String, defined: [String]) -> [String]? {
        guard let items = fields.strings(key) else { return nil }
        guard !items.isEmpty else {
            diagnostics.error("matrix '\(key)' is empty; list at least one \(key), or leave '\(key)' out to use all", at: fields.node(key)?.mark)
            return nil
        }
        var result: [String] = []
        for (name, mark) in items {
            guard checkDefined(name, what: key, defined: defined, at: mark) else { continue }
            if !result.contains(name) { result.append(name) }
        }
        return result
    }

    func intAxis(_ fields: Fields, _ key: String, minimum: Int) -> [Int]? {
        guard let value = fields.node(key) else { return nil }
        let items = value.sequence.map(Array.init) ?? [value]
        guard !items.isEmpty else {
            diagnostics.error("matrix '\(key)' is empty; list at least one value, e.g. \(key): [1, 2]", at: value.mark)
            return nil
        }
        var result: [Int] = []
        for item in items {
            if let n = Fields.int(item, key: key, minimum: minimum, diagnostics: diagnostics), !result.contains(n) {
                result.append(n)
            }
        }
        return result
    }

    func checkDefined(_ name: String, what: String, defined: [String], at mark: Mark?) -> Bool {
        guard defined.contains(name) else {
            let guess = KeySuggestion.closest(to: name, in: defined).map { "did you mean '\($0)'? " } ?? ""
            diagnostics.error(
                "no \(what) named '\(name)'; \(guess)defined \(what)s: \(defined.joined(separator: ", "))", at: mark)
            return false
        }
        return true
    }

    func readExclusion(_ node: Node, names: DefinedNames) -> Located<PlanExclusion>? {
        guard
            let fields = Fields(
                node, subject: "an 'exclude' entry", expected: Self.matrixKeys.joined(separator: ", "),
                known: Self.matrixKeys, diagnostics: diagnostics)
        else { return nil }
        guard Self.matrixKeys.contains(where: fields.has) else {
            diagnostics.error(
                "an 'exclude' entry needs at least one of \(Self.matrixKeys.joined(separator: ", ")), e.g. {model: gemma3, workload: short}",
                at: node.mark)
            return nil
        }
        func name(_ key: String, _ defined: [String]) -> String? {
            guard let value = fields.string(key) else { return nil }
            return checkDefined(value, what: key, defined: defined, at: fields.node(key)?.mark) ? value : nil
        }
        let exclusion = PlanExclusion(
            engine: name("engine", names.engines), model: name("model", names.models),
            workload: name("workload", names.workloads), threads: fields.int("threads", minimum: 1),
            contextSize: fields.int("context", minimum: 1), gpuLayers: fields.int("gpu_layers", minimum: 0))
        return Located(value: exclusion, mark: node.mark)
    }

    /// Checks that need the whole plan: what the selected engines can run, and unique ids.
    func checkCombinations(_ plan: Plan, engines: [Located<EngineSpec>], models: [Located<ModelSpec>], root: Fields) {
        let selectedEngines = plan.engines.filter { plan.matrix.engines?.contains($0.name) ?? true }
        let selectedModels = plan.models.filter { plan.matrix.models?.contains($0.name) ?? true }

        if plan.matrix.hasParameterAxes, !selectedEngines.contains(where: { $0.kind.takesParameterAxes }) {
            let axis = ["threads", "context", "gpu_layers"].first { root.node("matrix")?.mapping?[$0] != nil } ?? "threads"
            diagnostics.error(
                "matrix '\(axis)' changes how EdgeBench starts a server, so it needs a managed or ollama engine in the matrix; none is selected",
                at: root.node("matrix")?.mapping?.keys.first { $0.scalar?.string == axis }?.mark)
        }
        // A managed engine loads a GGUF file itself; a model known only by its served name cannot run there.
        if let managed = selectedEngines.first(where: { $0.kind == .managed }) {
            for model in selectedModels where model.file == nil {
                let used = plan.expand().contains { $0.engine.kind == .managed && $0.model.name == model.name }
                guard used else { continue }
                let mark = models.first { $0.value.name == model.name }?.mark
                diagnostics.error(
                    "model '\(model.name)' has no 'file', but managed engine '\(managed.name)' must load one; add file: smollm2-135m (an embedded model) or a path to a .gguf",
                    at: mark)
            }
        }
        var seen: Set<String> = []
        for configuration in plan.expand() where !seen.insert(configuration.id).inserted {
            diagnostics.error(
                "two configurations would both be named '\(configuration.id)'; rename an engine so that names with parameter suffixes (-t, -ctx, -ngl) do not collide",
                at: root.keyMark("engines"))
            break
        }
    }
}
