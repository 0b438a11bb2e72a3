import Foundation
import EdgeBenchCore

extension Plan {
    /// Every configuration the plan runs, in plan order (engine, parameter axes, model, workload, prompt
    /// length), with `exclude` entries removed. Ids are stable and readable: `engine/model/workload`, where a
    /// managed engine on a parameter axis gets suffixes, e.g. `managed-cpu-t2-ctx4096-ngl99/smollm2/short`,
    /// and a workload with a `prompt_tokens` list one per length, e.g. `managed/smollm2/long-p2048`.
    public func expand() -> [Configuration] {
        let engineNames = matrix.engines ?? engines.map(\.name)
        let modelNames = matrix.models ?? models.map(\.name)
        let workloadNames = matrix.workloads ?? workloads.map(\.name)

        var configurations: [Configuration] = []
        for engineName in engineNames {
            guard let base = engines.first(where: { $0.name == engineName }) else { continue }
            for variant in variants(of: base) {
                for modelName in modelNames {
                    guard let model = models.first(where: { $0.name == modelName })?.resolved(for: base) else { continue }
                    for workloadName in workloadNames {
                        guard let written = workloads.first(where: { $0.name == workloadName }) else { continue }
                        for workload in promptVariants(of: written) {
                            if excludes.contains(where: { $0.matches(engine: base.name, variant, model, workloadName, workload) }) {
                                continue
                            }
                            let baseID = "\(variant.name)/\(model.name)/\(workload.name)"
                            var measured = workload
                            measured.loads = []
                            let levels = Configuration(
                                id: baseID, engine: variant, model: model, workload: measured, repetitions: repetitions,
                                warmup: warmup
                            ).atLevels(workload.loads)
                            configurations += levels
                            let id = levels.first { $0.load == nil || $0.load == .synchronous }?.id
                            // Right after its HTTP-measured siblings, so llama-bench can reuse the synchronous run's
                            // prompt length. The loader accepts `llama_bench` only on kinds that honour it.
                            if variant.llamaBench, let id {
                                let bench = variant.llamaBenchSibling
                                configurations.append(
                                    Configuration(
                                        id: "\(bench.name)/\(model.name)/\(workload.name)", engine: bench, model: model,
                                        workload: measured, repetitions: repetitions, warmup: 0, llamaBenchOf: id))
                            }
                        }
                    }
                }
            }
        }
        return configurations
    }

    /// The workload once per length of its `prompt_tokens` list, named `<name>-p<N>`; as written otherwise.
    func promptVariants(of workload: Workload) -> [Workload] {
        guard let lengths = promptLengths[workload.name] else { return [workload] }
        return lengths.map { tokens in
            var variant = workload
            variant.name = "\(workload.name)-p\(tokens)"
            variant.promptTokens = tokens
            return variant
        }
    }

    /// The engine once per combination of parameter-axis values. Axes change how EdgeBench starts a
    /// server (managed) or the options it sends with every request (Ollama's num_thread, num_ctx,
    /// num_gpu); any other running server is taken as it is.
    func variants(of engine: EngineSpec) -> [EngineSpec] {
        guard engineCatalog[engine.kind]?.takesParameterAxes == true, matrix.hasParameterAxes else { return [engine] }
        var result: [EngineSpec] = []
        for threads in matrix.threads.map({ $0.map(Optional.some) }) ?? [nil] {
            for context in matrix.contextSizes.map({ $0.map(Optional.some) }) ?? [nil] {
                for offload in matrix.offloads.map({ $0.map(Optional.some) }) ?? [nil] {
                    var variant = engine
                    var suffix = ""
                    if let threads {
                        variant.threads = threads
                        suffix += "-t\(threads)"
                    }
                    if let context {
                        variant.contextSize = context
                        suffix += "-ctx\(context)"
                    }
                    if let offload {
                        variant.offload = offload
                        suffix += offload.nameSuffix
                    }
                    variant.name = engine.name + suffix
                    result.append(variant)
                }
            }
        }
        return result
    }
}

extension PlanExclusion {
    /// `workloadName`: the workload as the plan names it (before a prompt length's `-p<N>`).
    func matches(
        engine baseName: String, _ variant: EngineSpec, _ model: ModelSpec, _ workloadName: String, _ workload: Workload
    ) -> Bool {
        if let engine, engine != baseName { return false }
        if let name = self.model, name != model.name { return false }
        if let name = self.workload, name != workloadName { return false }
        if let promptTokens, promptTokens != workload.promptTokens { return false }
        if let threads, threads != variant.threads { return false }
        if let contextSize, contextSize != variant.contextSize { return false }
        if let gpuLayers, gpuLayers != variant.offload?.layerCount { return false }
        return true
    }
}

extension EngineSpec {
    /// The in-process llama-bench twin of a managed engine: same model, threads and offload, and the
    /// `llama-bench` binary that sits next to the given `llama-server` (or the embedded one).
    var llamaBenchSibling: EngineSpec {
        var bench = self
        bench.name = name + ".llama-bench"
        bench.kind = .llamaBench
        bench.llamaBench = false
        bench.parallel = nil
        bench.contextSize = nil
        // llama-server flags (--mlock, -c, --host) mean nothing to llama-bench, which exits on them.
        bench.extraArgs = []
        if let serverPath {
            bench.serverPath = (serverPath as NSString).deletingLastPathComponent + "/llama-bench"
        }
        return bench
    }
}

extension Offload {
    /// How a matrix variant's name says it: `-cpu`, `-gpu`, or `-ngl<N>` for a layer count.
    var nameSuffix: String {
        switch self {
        case .none: return "-cpu"
        case .all: return "-gpu"
        case .layers(let n): return "-ngl\(n)"
        }
    }
}
