import EdgeBenchCore

/// Tidy CSV exports (RFC 4180) for spreadsheets, pandas and R.
public enum CSVReport {
    public static let requestsHeader = [
        "run_id", "configuration_id", "engine", "model", "workload", "request_index", "metric", "value", "unit",
    ]

    public static let configurationsHeader = [
        "run_id", "configuration_id", "engine", "model", "workload", "metric", "n", "mean", "median", "stddev", "cv",
        "min", "max", "p50", "p90", "p99", "ci95_lo", "ci95_hi", "unit",
    ]

    /// Long format: one row per measured request × metric (METRICS.md order); undefined metrics have no row.
    /// The per-token `itl` lists stay in the bundle.
    public static func requests(_ bundle: ResultBundle) -> String {
        var text = ""
        // an in-memory walk cannot fail
        try? writeRequests(StreamedBundle(bundle), to: &text)
        return text
    }

    /// `requests`, written row by row as the requests are walked.
    public static func writeRequests(_ bundle: StreamedBundle, to out: inout some TextOutputStream) throws {
        CSVText.write(row: requestsHeader, to: &out)
        for (index, configuration) in bundle.header.configurations.enumerated() {
            let context = identity(bundle.header, configuration)
            try bundle.forEachRequest(configuration: index) { request in
                for (metric, value) in request.metrics.sorted(by: { $0.key < $1.key }) where value.isFinite {
                    CSVText.write(
                        row: context + [String(request.index), metric.rawValue, NumberText.csv(value), metric.unit.rawValue],
                        to: &out)
                }
            }
        }
    }

    /// One row per configuration × summarised metric; an undefined statistic is an empty cell.
    public static func configurations(_ bundle: ResultBundle) -> String {
        var text = ""
        writeConfigurations(bundle, to: &text)
        return text
    }

    /// `configurations`, row by row (it reads the summaries only: `bundle` may be without requests).
    public static func writeConfigurations(_ bundle: ResultBundle, to out: inout some TextOutputStream) {
        CSVText.write(row: configurationsHeader, to: &out)
        for configuration in bundle.configurations {
            let context = identity(bundle, configuration)
            for metric in configuration.summaryMetricIDs {
                guard let s = configuration.summary[metric] else { continue }
                let optional: (Double?) -> String = { $0.map(NumberText.csv) ?? "" }
                let ci = s.ci95.flatMap { $0.count == 2 ? $0 : nil }
                CSVText.write(
                    row: context + [
                        metric.rawValue, String(s.n), NumberText.csv(s.mean), NumberText.csv(s.median), optional(s.stddev),
                        optional(s.cv), NumberText.csv(s.min), NumberText.csv(s.max), NumberText.csv(s.p50),
                        NumberText.csv(s.p90), NumberText.csv(s.p99), optional(ci?[0]), optional(ci?[1]),
                        s.unit.rawValue,
                    ], to: &out)
            }
        }
    }

    private static func identity(_ bundle: ResultBundle, _ configuration: ConfigurationResult) -> [String] {
        let engine = configuration.engine.version.map { "\(configuration.engine.name) \($0)" }
            ?? configuration.engine.name
        return [bundle.run.id, configuration.id, engine, configuration.model.name, configuration.workload.name]
    }
}
