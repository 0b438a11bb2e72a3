import EdgeBenchCore
import EdgeBenchEngines

/// A configuration rebuilt from llama-bench output, with what to store for it.
struct ImportedConfiguration: Sendable {
    var configuration: Configuration
    var results: LlamaBenchResults
}

enum LlamaBenchConfigurations {
    /// One configuration per group, ids made unique in order (`…-2` for a second group that would
    /// get the same id, e.g. the same settings imported from two files).
    static func make(_ groups: [LlamaBenchGroup], taken: inout Set<String>) -> [ImportedConfiguration] {
        groups.map { group in
            let test = group.representative
            let engineName = LlamaBenchNaming.engineName(test)
            let modelName = LlamaBenchNaming.modelName(test)
            let workload = LlamaBenchNaming.workloadName(
                prompt: group.prompt, generation: group.generation, combined: group.combined)
            var engine = engineName
            var session = 2
            while taken.contains("\(engine)/\(modelName)/\(workload)") {
                engine = "\(engineName)-\(session)"
                session += 1
            }
            let id = "\(engine)/\(modelName)/\(workload)"
            taken.insert(id)
            let results = LlamaBenchResults(group, model: modelInfo(test, name: modelName))
            let configuration = Configuration(
                id: id, engine: engineSpec(test, name: engine), model: ModelSpec(name: modelName, file: test.modelFile),
                workload: self.workload(workload, group), repetitions: results.repetitions, warmup: 0)
            return ImportedConfiguration(configuration: configuration, results: results)
        }
    }

    static func modelInfo(_ test: LlamaBenchTest, name: String) -> ModelInfo {
        ModelInfo(
            name: name, file: test.modelFile.flatMap(LlamaBenchNaming.fileName), sizeBytes: test.modelSizeBytes,
            quantisation: LlamaBenchNaming.quantisation(test), parameters: test.modelParameters)
    }

    static func engineSpec(_ test: LlamaBenchTest, name: String) -> EngineSpec {
        let offload: Offload? = test.gpuLayers.flatMap { $0 < 0 ? nil : ($0 == 0 ? Offload.none : .layers($0)) }
        return EngineSpec(name: name, kind: .llamaBench, threads: test.threads, offload: offload)
    }

    /// llama-bench feeds random tokens, so the workload has no prompt text; its name says what ran,
    /// and max_tokens is the generated length.
    static func workload(_ name: String, _ group: LlamaBenchGroup) -> Workload {
        let generated = (group.generation ?? group.combined)?.generatedTokens ?? 0
        return Workload(
            name: name,
            request: GenerationRequest(prompt: "", api: .completion, maxTokens: generated, temperature: 0, seed: nil))
    }
}
