import EdgeBenchAnalysis
import EdgeBenchCore

/// `edgebench report --format csv`: a tidy table (one row per configuration and metric, SI units) of
/// every number the HTML report shows: the matrix, the chart values and the derived metrics.
public enum ReportTables {
    public static let header = [
        "configuration", "model", "setup", "device", "metric", "unit", "value", "stddev", "n", "cv", "pareto",
        "flags", "not_available",
    ]

    public static func csv(bundles: [ResultBundle], analysis: AnalysisReport) -> String {
        let entries = ReportEntry.make(bundles: bundles, analysis: analysis)
        let front = Set(analysis.pareto.front)
        var rows: [[String]] = []
        let measured: [MetricID] = [.e2eThroughput, .ttft, .itl, .energyPerToken, .meanPower, .decodeRate, .serverDecodeRate]
        for entry in entries {
            let common = [entry.id, entry.model, entry.setup, entry.analysis.deviceID ?? ""]
            let tail = [front.contains(entry.id) ? "front" : "", entry.analysis.flags.joined(separator: " ")]
            for metric in measured {
                if let summary = entry.analysis.summary[metric] {
                    rows.append(common + [metric.rawValue, metric.unit.rawValue, NumberText.csv(summary.mean),
                                          summary.stddev.map(NumberText.csv) ?? "", String(summary.n),
                                          summary.cv.map(NumberText.csv) ?? ""] + tail + [""])
                } else if let value = entry.analysis.metrics[metric] {
                    rows.append(common + [metric.rawValue, metric.unit.rawValue, NumberText.csv(value), "", "", ""]
                        + tail + ["computed from mean power"])
                } else {
                    rows.append(common + [metric.rawValue, metric.unit.rawValue, "", "", "", ""] + tail + ["not measured"])
                }
            }
            for metric in MetricID.derived {
                let value = entry.analysis.derived.values[metric]
                rows.append(common + [metric.rawValue, metric.unit.rawValue, value?.number.map(NumberText.csv) ?? "", "",
                                      "", ""] + tail + [value?.reason ?? (value == nil ? "not computed" : "")])
            }
        }
        return CSVText.document(header: header, rows: rows)
    }
}
