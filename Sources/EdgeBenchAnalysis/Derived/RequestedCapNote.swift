import EdgeBenchCore
import Foundation

/// Why a figure imported from the paper's harness is `estimated`, in words: the harness divided the
/// requested maximum (num_predict) by the elapsed time, whatever the model returned (EdgeBench measured
/// 17.9 tok/s where it printed 73.81 for 24 returned tokens). The real count needs the model's tokenizer,
/// which an import does not have, so the note says it is unknown rather than guessing one.
public enum RequestedCapNote {
    /// the plan name `import paper-csv` gives its runs
    public static let importPlanName = "paper-csv import"

    /// The note for a configuration of a paper-csv import whose n_out is the requested maximum; nil otherwise.
    public static func note(_ configuration: ConfigurationResult, run: RunInfo) -> String? {
        let cap = configuration.workload.request.maxTokens
        guard run.planName == importPlanName, configuration.flags.contains(.estimated), cap > 0,
            let tokens = configuration.summary[.nOut]?.mean, tokens == Double(cap),
            let rate = configuration.summary[.e2eThroughput]?.mean
        else { return nil }
        let printed = configuration.summary[.e2eLatency].map { latency in
            "it printed \(String(format: "%.2f", Double(cap) / latency.mean)) tok/s (\(cap) tokens / "
                + "\(String(format: "%.4f", latency.mean)) s), and "
        } ?? ""
        let text =
            "the harness's tok/s divides the requested maximum of \(cap) tokens (num_predict) by the elapsed time, not "
            + "the tokens the model returned: \(printed)e2e_throughput (\(String(format: "%.2f", rate)) tok/s), n_out and "
            + "energy_per_token here rest on that count; the real count is unknown (no tokenizer for "
            + "\(configuration.engine.model.name) to count the responses), so the real n_out and e2e_throughput are at "
            + "most these figures and energy_per_token at least its own (a model returns at most num_predict tokens)"
        return text
    }
}

extension AnalysisReport {
    /// Adds `RequestedCapNote`'s note to each configuration it concerns, found under the id `analyze`
    /// gave it (the n-th configuration of the report is the n-th of the bundles).
    mutating func addRequestedCapNotes(_ bundles: [ResultBundle]) {
        let notes = bundles.flatMap { bundle in
            bundle.configurations.filter { $0.status == .completed }.map { RequestedCapNote.note($0, run: bundle.run) }
        }
        guard notes.count == configurations.count else { return }
        for (index, note) in notes.enumerated() {
            if let note { configurations[index].derived.notes.append(note) }
        }
    }
}
