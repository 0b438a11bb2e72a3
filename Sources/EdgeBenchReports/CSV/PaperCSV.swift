import EdgeBenchCore

/// The two files of the paper's original harness, same names and headers, so its analysis scripts
/// run unchanged; but filled with correct values: counted tokens (never the requested maximum),
/// seconds, and throughput over the whole request (METRICS.md `e2e_throughput`).
public enum PaperCSV {
    public static let resultsHeader = [
        "model", "device", "num_runs", "num_tokens", "avg_time_s", "avg_tokens_per_sec", "avg_ttft_s", "response",
    ]
    public static let detailsHeader = [
        "model", "device", "num_tokens", "run_elapsed", "elapsed_delta", "run_ttft", "ttft_delta", "response",
    ]

    /// `benchmark_results.csv`: one row per configuration that has measured requests.
    public static func results(_ bundle: ResultBundle) -> String {
        let device = bundle.environment.deviceName
        let rows = bundle.configurations.filter { !$0.requests.isEmpty }.map { c -> [String] in
            let last = c.requests.max { $0.index < $1.index }
            return [
                c.model.name, device, String(c.requests.count), number(c.mean(.nOut)), number(c.mean(.e2eLatency)),
                number(c.mean(.e2eThroughput)), number(c.mean(.ttft)), last?.response ?? "",
            ]
        }
        return CSVText.document(header: resultsHeader, rows: rows)
    }

    /// `benchmark_results_details.csv`: one row per measured request; deltas are value − configuration mean.
    public static func details(_ bundle: ResultBundle) -> String {
        let device = bundle.environment.deviceName
        var rows: [[String]] = []
        for c in bundle.configurations {
            let meanLatency = c.mean(.e2eLatency)
            let meanTTFT = c.mean(.ttft)
            for request in c.requests {
                let elapsed = request.metrics[.e2eLatency]
                let ttft = request.metrics[.ttft]
                rows.append([
                    c.model.name, device, number(request.metrics[.nOut]),
                    number(elapsed), number(difference(elapsed, meanLatency)),
                    number(ttft), number(difference(ttft, meanTTFT)),
                    request.response ?? "",
                ])
            }
        }
        return CSVText.document(header: detailsHeader, rows: rows)
    }

    private static func number(_ value: Double?) -> String { value.map(NumberText.csv) ?? "" }

    private static func difference(_ value: Double?, _ mean: Double?) -> Double? {
        guard let value, let mean else { return nil }
        return value - mean
    }
}
