import EdgeBenchAnalysis
import EdgeBenchCore

/// One analysed configuration beside the raw results it came from (for distributions), placed in the
/// methodology's matrix by model (row) and configuration (column: device, runtime and placement).
struct ReportEntry: Sendable {
    var analysis: ConfigurationAnalysis
    /// nil only when the analysis names a configuration no bundle holds (it should not happen)
    var result: ConfigurationResult?
    /// TTFT and ITL over its requests, when the caller gathered them (while streaming); nil: from `result`
    var distributions: RequestDistributions?

    /// The distributions to draw: the given ones, else gathered from the result's requests.
    var requestDistributions: RequestDistributions {
        distributions ?? RequestDistributions(result?.requests ?? [])
    }
    /// the row: the plan's model name (the middle of "engine/model/workload"), else the engine's
    var model: String
    /// the column: `label`, made unique by what else differs (`columnNames`)
    var setup: String
    var label: ConfigurationLabel

    var id: String { analysis.id }

    /// `analysis.configurations` in order, each matched to its `ConfigurationResult`. Ids are renamed the
    /// way `Analysis.analyze(bundles:)` renames them ("@<run id>" on a repeat), so the match is exact.
    /// `distributions`, when given, holds one dictionary per bundle (configuration id → distributions);
    /// a configuration missing from it gets its distributions from its requests.
    static func make(
        bundles: [ResultBundle], analysis: AnalysisReport, distributions: [[String: RequestDistributions]]? = nil
    ) -> [ReportEntry] {
        var seen: Set<String> = []
        var runs: [String: String] = [:]
        var results: [String: (ConfigurationResult, RequestDistributions?)] = [:]
        for (index, bundle) in bundles.enumerated() {
            for configuration in bundle.configurations {
                var id = configuration.id
                if seen.contains(id) { id += "@" + bundle.run.id }
                seen.insert(id)
                let given = distributions.flatMap { index < $0.count ? $0[index][configuration.id] : nil }
                results[id] = (configuration, given)
                runs[id] = bundle.run.id
            }
        }
        let placed = analysis.configurations.map { configuration in
            let found = results[configuration.id]
            let parts = configuration.id.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            return (
                model: parts.count == 3 ? parts[1] : configuration.model,
                label: ConfigurationLabel(found?.0, analysis: configuration),
                workload: found?.0.workload.name ?? (parts.count == 3 ? parts[2] : ""),
                engine: parts.count == 3 ? parts[0] : "",
                run: runs[configuration.id] ?? "")
        }
        let names = columnNames(placed)
        return analysis.configurations.enumerated().map { index, configuration in
            let found = results[configuration.id]
            return ReportEntry(
                analysis: configuration, result: found?.0, distributions: found?.1, model: placed[index].model,
                setup: names[index], label: placed[index].label)
        }
    }

    /// The column's name on two lines: the device, then the rest (runtime, placement and what else tells
    /// it apart), so two columns of one board differ on the line a reader looks at.
    var setupLines: [String] {
        let prefix = label.device + " · "
        return setup.hasPrefix(prefix) ? [label.device, String(setup.dropFirst(prefix.count))] : [setup]
    }
}

/// Distinct values in first-seen order: rows and columns keep the order of the plan.
func firstSeen<Value: Hashable>(_ values: [Value]) -> [Value] {
    var seen: Set<Value> = []
    return values.filter { seen.insert($0).inserted }
}
