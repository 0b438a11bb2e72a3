import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchReports

extension PaperCSVReader {
    /// One results row's numbers, checked.
    struct Measured {
        var runs: Int
        /// the harness's requested maximum (num_predict), or EdgeBench's counted mean
        var tokens: Double
        var latency: Double
        var throughput: Double
        var ttft: Double?
        var power: Double?
        /// true for EdgeBench's own file (`tokens_counted`): the counts are real, nothing is estimated
        var counted: Bool
    }

    func configuration(_ row: Row, _ m: Measured, device: Device?, requests: [RequestResult]) -> (
        Configuration, ConfigurationResult
    ) {
        let label = row.label
        let engine = EngineDescription(
            adapter: label.kind.rawValue, name: label.base, offload: Self.offloadText(label.offload),
            model: ModelInfo(name: row.served))
        let spec = EngineSpec(name: label.base, kind: label.kind, offload: label.offload)
        // The harness's num_tokens is the requested maximum: kept as the workload's, so analysis can say
        // how the harness's figures were made.
        let workload = Workload(
            name: label.workload ?? "paper",
            request: GenerationRequest(prompt: "", maxTokens: Int(m.tokens.rounded()), seed: nil))
        let configuration = Configuration(
            id: row.id, engine: spec, model: ModelSpec(name: row.model, served: row.served), workload: workload,
            repetitions: m.runs, warmup: 0)

        var summary: [MetricID: Summary]
        var flags: [Flag]
        var measured = requests
        if !measured.isEmpty {
            if let power = m.power {
                for index in measured.indices {
                    measured[index].metrics[.meanPower] = power
                    if let rate = measured[index].metrics[.e2eThroughput], rate > 0 {
                        measured[index].metrics[.energyPerToken] = power / rate
                    }
                }
            }
            (summary, flags) = ConfigurationSummary.build(requests: measured)
        } else {
            func mean(_ value: Double, _ unit: MetricUnit) -> Summary {
                LlamaBenchResults.meanAndSpread(value, nil, n: m.runs, unit: unit)
            }
            summary = [
                .e2eThroughput: mean(m.throughput, .tokensPerSecond),
                .e2eLatency: mean(m.latency, .seconds),
                .nOut: mean(m.tokens, .tokens),
            ]
            if let ttft = m.ttft { summary[.ttft] = mean(ttft, .seconds) }
            if let power = m.power {
                summary[.meanPower] = mean(power, .watts)
                summary[.energyPerToken] = mean(power / m.throughput, .joulesPerToken)
            }
            flags = m.runs < ConfigurationSummary.minimumSamples ? [.fewSamples] : []
        }
        if !m.counted { flags.append(.estimated) }
        if m.power != nil { flags.append(.manual) }
        let provenance = m.power.map { _ in
            // as the manual source records it: one value read off a display, at the wall
            PowerProvenance(
                source: "manual", channel: "manual", boundary: .wallAC, quantity: .power, isEstimate: true,
                isManual: true, samples: 1, effectiveRate: 0, idleSeconds: nil)
        }
        let result = ConfigurationResult(
            id: row.id, engine: engine, model: ModelInfo(name: row.model), workload: workload, status: .completed,
            error: nil, requests: measured, summary: summary, flags: Array(Set(flags)).sorted(), power: provenance,
            device: device)
        return (configuration, result)
    }

    /// How the engine description says where the model ran.
    static func offloadText(_ offload: Offload?) -> String? {
        switch offload {
        case Offload.none?: "none (CPU)"
        case Offload.all?: "all (GPU)"
        default: nil
        }
    }
}
