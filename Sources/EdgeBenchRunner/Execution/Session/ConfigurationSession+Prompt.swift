import EdgeBenchCore
import EdgeBenchEngines

extension ConfigurationSession {
    /// At most this many probe requests calibrate a prompt against the server's count: each costs a prefill of
    /// about the target's length, and the bracket closes in a word or two per probe once the line has found it.
    static let calibrationProbes = 8

    /// `prompt_tokens`: builds the workload's prompt to its length for this engine, between prepare and warm-up,
    /// and stores the configuration again with the prompt that is then sent and how long it came out.
    ///
    /// With a tokenizer (`TokenCounting`, llama.cpp `/tokenize`) the text is cut until the tokenizer counts
    /// exactly the target; the server then evaluates that plus what the chat template adds (role markers, and
    /// a BOS token where the model's vocabulary adds one), so one probe records the server's count as
    /// `achieved`. Without one, probe requests are cut until the server's own prompt count is the target, the
    /// closest kept. Probes send max_tokens 1 and a cold cache, and are neither measured nor stored.
    func buildPrompt(_ prepared: PreparedEngine) async throws {
        var configuration = context.configuration
        let workload = configuration.workload
        guard let target = workload.promptTokens, workload.builtPrompt == nil else { return }
        let maxTokens = workload.request.maxTokens
        let engineName = configuration.engine.name
        let contextSize = prepared.description.contextSize
        if let contextSize, Self.exceeds(target, maxTokens, contextSize) {
            throw PromptLengthError.overContext(
                workload: workload.name, engine: engineName, target: target, maxTokens: maxTokens, context: contextSize)
        }
        let search = PromptSearch(target: target, source: workload.request.prompt, instruction: workload.promptInstruction)
        let probe = { (text: String) async throws -> Int? in
            try Task.checkCancellation()
            var request = workload.request
            request.prompt = text
            request.maxTokens = 1
            request.cache = .cold
            return TokenCounts(try await RequestMeasurement.run(prepared.engine, request)).input
        }

        let text: String
        let built: BuiltPrompt
        if let counter = prepared.engine as? any TokenCounting {
            context.reporter.report(.phase("building a prompt of \(target) tokens with the engine's tokenizer"))
            let found = try await search.byTokenizer { try await counter.countTokens($0) }
            text = found.text
            built = BuiltPrompt(method: .tokenizer, achieved: try await probe(found.text), textTokens: found.tokens, probes: 1)
        } else {
            context.reporter.report(.phase(
                "calibrating a prompt of \(target) tokens on the server's prompt count (at most \(Self.calibrationProbes) requests of 1 token)"))
            let found = try await search.byCalibration(maxProbes: Self.calibrationProbes) { text in
                guard let count = try await probe(text) else {
                    throw PromptLengthError.noPromptCount(workload: workload.name, engine: engineName)
                }
                return count
            }
            text = found.text
            built = BuiltPrompt(method: .calibrated, achieved: found.tokens, probes: found.counts)
        }
        if let contextSize, let achieved = built.achieved, Self.exceeds(achieved, maxTokens, contextSize) {
            throw PromptLengthError.builtOverContext(
                workload: workload.name, engine: engineName, target: target, achieved: achieved, maxTokens: maxTokens,
                context: contextSize)
        }

        configuration.workload.request.prompt = text
        configuration.workload.builtPrompt = built
        context.configuration = configuration
        let c = context
        try SessionStoreError.wrapping("the built prompt of \(c.id)") {
            try c.store.beginConfiguration(
                runID: c.runID, configuration: configuration, engine: prepared.description, device: nil)
        }
        c.reporter.report(.note("  \(c.id): " + Self.describe(built, target: target)))
    }

    /// Whether a prompt and the tokens to generate need more than `context` (a run.json's max_tokens is unbounded).
    static func exceeds(_ prompt: Int, _ maxTokens: Int, _ context: Int) -> Bool {
        let sum = prompt.addingReportingOverflow(maxTokens)
        return sum.overflow || sum.partialValue > context
    }

    /// One line for the person watching: how the prompt came out against its target.
    static func describe(_ built: BuiltPrompt, target: Int) -> String {
        let achieved = built.achieved.map { "\($0) as the server counts it (n_in)" } ?? "no count from the server"
        switch built.method {
        case .tokenizer:
            return "prompt of \(target) tokens built: \(built.textTokens ?? target) tokens by the tokenizer, \(achieved)"
        case .calibrated:
            return "prompt of \(target) tokens calibrated: \(achieved), after \(built.probes) probe request(s)"
        }
    }
}
