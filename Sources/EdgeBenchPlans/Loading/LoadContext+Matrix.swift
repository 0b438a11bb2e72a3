import EdgeBenchCore
import Yams

extension LoadContext {
    static let matrixKeys = ["engine", "model", "workload", "threads", "context", "offload", "gpu_layers"]

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
            offloads: offloadAxis(fields))
    }

    /// `offload: [none, all, 20]`, or `gpu_layers: [0, 99]` as llama.cpp users write it (kept as layer
    /// counts, 0 included, so variant names read `-ngl0`).
    func offloadAxis(_ fields: Fields) -> [Offload]? {
        if fields.has("offload"), fields.has("gpu_layers") {
            diagnostics.error("give the matrix 'offload' or 'gpu_layers', not both", at: fields.keyMark("gpu_layers"))
        }
        if let layers = intAxis(fields, "gpu_layers", minimum: 0) { return layers.map { .layers($0) } }
        guard let value = fields.node("offload") else { return nil }
        let items = value.sequence.map(Array.init) ?? [value]
        var result: [Offload] = []
        for item in items {
            guard let text = item.scalar?.string, let offload = Offload(text) else {
                diagnostics.error(
                    "matrix 'offload' values must be all, none or a number of layers, got \(item.describedValue)", at: item.mark)
                continue
            }
            if !result.contains(offload) { result.append(offload) }
        }
        if result.isEmpty { diagnostics.error("matrix 'offload' is empty; list at least one value, e.g. offload: [none, all]", at: value.mark) }
        return result
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

    /// The matrix's keys, and a workload's prompt length (`prompt_tokens`, one of its list).
    static let exclusionKeys = matrixKeys + ["prompt_tokens"]

    func readExclusion(_ node: Node, names: DefinedNames) -> Located<PlanExclusion>? {
        guard
            let fields = Fields(
                node, subject: "an 'exclude' entry", expected: Self.exclusionKeys.joined(separator: ", "),
                known: Self.exclusionKeys, diagnostics: diagnostics)
        else { return nil }
        guard Self.exclusionKeys.contains(where: fields.has) else {
            diagnostics.error(
                "an 'exclude' entry needs at least one of \(Self.exclusionKeys.joined(separator: ", ")), e.g. {model: gemma3, workload: short}",
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
            contextSize: fields.int("context", minimum: 1),
            gpuLayers: fields.int("gpu_layers", minimum: 0) ?? fields.string("offload").flatMap(Offload.init)?.layerCount,
            promptTokens: fields.int("prompt_tokens", minimum: 1))
        return Located(value: exclusion, mark: node.mark)
    }

    /// Checks that need the whole plan: what the selected engines can run, and unique ids.
    func checkCombinations(_ plan: Plan, engines: [Located<EngineSpec>], models: [Located<ModelSpec>], root: Fields) {
        let selectedEngines = plan.engines.filter { plan.matrix.engines?.contains($0.name) ?? true }
        let selectedModels = plan.models.filter { plan.matrix.models?.contains($0.name) ?? true }

        let capabilities = { (engine: EngineSpec) in self.catalog[engine.kind] }
        if plan.matrix.hasParameterAxes, !selectedEngines.contains(where: { capabilities($0)?.takesParameterAxes == true }) {
            let axis = ["threads", "context", "offload", "gpu_layers"].first { root.node("matrix")?.mapping?[$0] != nil } ?? "threads"
            let takers = EngineCatalog.sentence(catalog.all.filter(\.takesParameterAxes).map(\.kind.rawValue), conjunction: "or")
            diagnostics.error(
                "matrix '\(axis)' changes how EdgeBench starts a server, so it needs a \(takers) engine in the matrix; none is selected",
                at: root.node("matrix")?.mapping?.keys.first { $0.scalar?.string == axis }?.mark)
        }
        // A managed engine loads a GGUF file itself; a model known only by its served name cannot run there.
        let runsLocally = { (engine: EngineSpec) in capabilities(engine)?.runsLocally == true }
        if let managed = selectedEngines.first(where: runsLocally) {
            for model in selectedModels where model.file == nil {
                let used = plan.expand().contains { runsLocally($0.engine) && $0.model.name == model.name }
                guard used else { continue }
                let mark = models.first { $0.value.name == model.name }?.mark
                diagnostics.error(
                    "model '\(model.name)' has no 'file', but \(managed.kind.rawValue) engine '\(managed.name)' must load one; add file: smollm2-135m (an embedded model) or a path to a .gguf",
                    at: mark)
            }
        }
        // A served-name entry for an engine that does not exist would silently fall back to the default name.
        let servedKeys = Set(plan.engines.map(\.name) + catalog.kinds.map(\.rawValue))
        for located in models {
            for key in located.value.servedBy.keys.sorted() where !servedKeys.contains(key) {
                let guess = KeySuggestion.closest(to: key, in: Array(servedKeys)).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.error(
                    "model '\(located.value.name)' has a served name for '\(key)', which is neither an engine of this plan nor an engine kind\(guess)",
                    at: located.mark)
            }
        }
        // An engine with a token ceiling (StackFlow's max_token_len) would fail the pair mid-run.
        for configuration in plan.expand() {
            guard let engine = capabilities(configuration.engine), let limit = engine.tokenLimit,
                configuration.workload.request.maxTokens > limit.maximum
            else { continue }
            diagnostics.error(
                "workload '\(configuration.workload.name)' asks for \(configuration.workload.request.maxTokens) tokens, but \(engine.displayName) engine '\(configuration.engine.name)' accepts \(limit.name) 1…\(limit.maximum); lower max_tokens or exclude the pair",
                at: engines.first { $0.value.name == configuration.engine.name }?.mark)
            break
        }
        var seen: Set<String> = []
        for configuration in plan.expand() where !seen.insert(configuration.id).inserted {
            diagnostics.error(
                "two configurations would both be named '\(configuration.id)'; rename an engine or a workload so that names with parameter suffixes (-t, -ctx, -ngl, -p) do not collide",
                at: root.keyMark("engines"))
            break
        }
    }
}
