import EdgeBenchAnalysis
import EdgeBenchCore

/// One analysed configuration beside the raw results it came from (for distributions), placed in the
/// methodology's matrix by model (row) and setup (column: device, engine and workload).
struct ReportEntry: Sendable {
    var analysis: ConfigurationAnalysis
    /// nil only when the analysis names a configuration no bundle holds (it should not happen)
    var result: ConfigurationResult?
    var model: String
    var setup: String

    var id: String { analysis.id }

    /// `analysis.configurations` in order, each matched to its `ConfigurationResult`. Ids are renamed the
    /// way `Analysis.analyze(bundles:)` renames them ("@<run id>" on a repeat), so the match is exact.
    static func make(bundles: [ResultBundle], analysis: AnalysisReport) -> [ReportEntry] {
        var seen: Set<String> = []
        var results: [String: ConfigurationResult] = [:]
        for bundle in bundles {
            for configuration in bundle.configurations {
                var id = configuration.id
                if seen.contains(id) { id += "@" + bundle.run.id }
                seen.insert(id)
                results[id] = configuration
            }
        }
        return analysis.configurations.map { configuration in
            let (model, setup) = placement(configuration)
            return ReportEntry(analysis: configuration, result: results[configuration.id], model: model, setup: setup)
        }
    }

    /// "engine/model/workload" splits into the model and the rest; the device goes in front of the rest,
    /// so the same engine name on two boards makes two columns.
    static func placement(_ configuration: ConfigurationAnalysis) -> (model: String, setup: String) {
        let parts = configuration.id.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let model = parts.count == 3 ? parts[1] : configuration.model
        let rest = parts.count == 3 ? parts[0] + "/" + parts[2] : configuration.id
        let setup = configuration.deviceID.map { "\($0) · \(rest)" } ?? rest
        return (model, setup)
    }
}

/// Distinct values in first-seen order: rows and columns keep the order of the plan.
func firstSeen<Value: Hashable>(_ values: [Value]) -> [Value] {
    var seen: Set<Value> = []
    return values.filter { seen.insert($0).inserted }
}
