import EdgeBenchCore
import Yams

/// A workload as read, with its `prompt_tokens` and where they were written (for the context check).
struct LoadedWorkload {
    var workload: Workload
    var promptLengths: PromptLengths?
}

/// `prompt_tokens:` as written: one length (the workload keeps its name and gets that length) or a list
/// (a workload per length, `<name>-p<N>`, like a matrix axis).
struct PromptLengths {
    var values: [Located<Int>]
    var isList: Bool
}

extension LoadContext {
    /// Longer than any model's context: a prompt past it is a typo, and it keeps every sum far from overflow.
    static let maxPromptTokens = 10_000_000

    /// `prompt_tokens: 512` or `prompt_tokens: [128, 512]`: positive integers, duplicates dropped.
    func promptLengths(_ fields: Fields) -> PromptLengths? {
        guard let value = fields.node("prompt_tokens") else { return nil }
        let items = value.sequence.map(Array.init) ?? [value]
        if value.sequence != nil, items.isEmpty {
            diagnostics.error(
                "'prompt_tokens' is empty; list at least one length, e.g. prompt_tokens: [128, 512, 2048]", at: value.mark)
            return nil
        }
        var lengths: [Located<Int>] = []
        var valid = true
        for item in items {
            guard let n = Fields.int(item, key: "prompt_tokens", minimum: 1, diagnostics: diagnostics) else {
                valid = false
                continue
            }
            guard n <= Self.maxPromptTokens else {
                diagnostics.error(
                    "'prompt_tokens' must be at most \(Self.maxPromptTokens) (no model reads a longer context), got \(item.describedValue)",
                    at: item.mark)
                valid = false
                continue
            }
            if !lengths.contains(where: { $0.value == n }) { lengths.append(Located(value: n, mark: item.mark)) }
        }
        return valid ? PromptLengths(values: lengths, isList: value.sequence != nil) : nil
    }

    /// A prompt that cannot fit the engine's context would be cut or refused by the server mid-run, so where
    /// the plan knows the context (a managed engine's `context`, or the one EdgeBench starts it with; an
    /// Ollama engine's `context`, sent as num_ctx) prompt_tokens + max_tokens must fit it. Other servers'
    /// contexts are checked when the run reaches them (llama-server's `/props`).
    func checkPromptLengths(_ plan: Plan, workloads: [Located<LoadedWorkload>]) {
        var reported: Set<String> = []
        for configuration in plan.expand() {
            let workload = configuration.workload
            guard let tokens = workload.promptTokens, let engine = catalog[configuration.engine.kind],
                engine.honours(.context),
                let context = configuration.engine.contextSize ?? engine.defaultContextSize
            else { continue }
            // max_tokens has no ceiling of its own: a sum past Int.max is a context no engine has
            let sum = tokens.addingReportingOverflow(workload.request.maxTokens)
            let needed = sum.overflow ? Int.max : sum.partialValue
            guard needed > context else { continue }
            // the workload as written: itself (one length) or the one whose list made `<name>-p<tokens>`
            let base = workloads.first { [$0.value.workload.name, "\($0.value.workload.name)-p\(tokens)"].contains(workload.name) }
            let baseName = base?.value.workload.name ?? workload.name
            guard reported.insert("\(baseName) \(tokens) \(configuration.engine.name)").inserted else { continue }
            let mark = base?.value.promptLengths?.values.first { $0.value == tokens }?.mark ?? base?.mark
            let written = plan.engines.first { plan.variants(of: $0).contains { $0.name == configuration.engine.name } }
            let engineName = written?.name ?? configuration.engine.name
            let fromMatrix = plan.matrix.contextSizes != nil && engine.takesParameterAxes
            let given: String
            var fix: String
            var exclusion = "engine: \(engineName), "
            if fromMatrix {
                given = "the matrix's context"
                fix = "lower prompt_tokens or max_tokens, take \(context) out of the matrix's context"
                exclusion += "context: \(context), "
            } else {
                given = configuration.engine.contextSize == nil
                    ? "the context EdgeBench starts it with when 'context' is not set" : "its context"
                fix = "set context: \(needed) or more on engine '\(engineName)', lower prompt_tokens or max_tokens"
            }
            fix += ", or exclude the pair: exclude: [{\(exclusion)prompt_tokens: \(tokens)}]"
            diagnostics.error(
                "workload '\(baseName)' needs prompt_tokens \(tokens) + max_tokens \(workload.request.maxTokens) = \(needed) "
                    + "tokens of context, but \(engine.kind.rawValue) engine '\(configuration.engine.name)' has \(context) "
                    + "(\(given)); \(fix)",
                at: mark)
        }
    }
}
