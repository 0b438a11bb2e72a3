import EdgeBenchEngines

/// The tests that make one EdgeBench configuration: a prompt test and a generation test run with the
/// same settings (llama-bench's usual pp + tg pair), or one of them alone, or one combined `-pg` test.
struct LlamaBenchGroup: Sendable, Equatable {
    var prompt: LlamaBenchTest?
    var generation: LlamaBenchTest?
    var combined: LlamaBenchTest?

    var tests: [LlamaBenchTest] { [prompt, generation, combined].compactMap { $0 } }
    /// the test whose settings describe the group (they are the same for all of its tests)
    var representative: LlamaBenchTest { tests[0] }
}

enum LlamaBenchGrouping {
    /// Groups in the order their first test appears. Returns a note for each test left out.
    static func group(_ tests: [LlamaBenchTest]) -> (groups: [LlamaBenchGroup], skipped: [String]) {
        var skipped: [String] = []
        var order: [String] = []
        var byKey: [String: [LlamaBenchTest]] = [:]
        for test in tests {
            guard test.kind != nil else {
                skipped.append("\(place(test))\(test.name): neither prompt nor generated tokens, nothing was measured")
                continue
            }
            guard test.averageRate.isFinite, test.averageRate > 0 else {
                skipped.append("\(place(test))\(test.name): its rate is \(test.averageRate), not a measurement")
                continue
            }
            let key = settingsKey(test)
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(test)
        }
        var groups: [LlamaBenchGroup] = []
        for key in order {
            let members = byKey[key] ?? []
            let prompts = members.filter { $0.kind == .prompt }
            let generations = members.filter { $0.kind == .generation }
            // One pp and one tg with the same settings are llama-bench's usual pair; with several sizes
            // (-p 128,512) there is no telling which belong together, so each stands alone.
            if prompts.count == 1 && generations.count == 1 {
                groups.append(LlamaBenchGroup(prompt: prompts[0], generation: generations[0]))
            } else {
                groups += prompts.map { LlamaBenchGroup(prompt: $0) }
                groups += generations.map { LlamaBenchGroup(generation: $0) }
            }
            groups += members.filter { $0.kind == .promptAndGeneration }.map { LlamaBenchGroup(combined: $0) }
        }
        return (groups, skipped)
    }

    /// Every setting of a test except what it measured and how much (n_prompt, n_gen, results, time).
    static func settingsKey(_ test: LlamaBenchTest) -> String {
        let fields: [String?] = [
            test.buildCommit, test.buildNumber.map(String.init), test.backends, test.cpuInfo, test.gpuInfo,
            test.modelFile, test.modelType, test.modelSizeBytes.map(String.init), test.modelParameters.map(String.init),
            test.threads.map(String.init), test.gpuLayers.map(String.init), test.batchSize.map(String.init),
            test.microBatchSize.map(String.init), test.cacheTypeK, test.cacheTypeV, test.flashAttention.map(String.init),
            test.devices, String(test.depth), test.repetitions.map(String.init),
        ]
        let others = test.otherParameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return (fields.map { $0 ?? "∅" } + others).joined(separator: "\u{1F}")
    }

    private static func place(_ test: LlamaBenchTest) -> String { test.line.map { "line \($0): " } ?? "" }
}
