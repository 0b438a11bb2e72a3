import EdgeBenchCore

/// The two files of the paper's original harness, same names and headers, so its analysis scripts
/// run unchanged; but filled with correct values: counted tokens (never the requested maximum),
/// seconds, and throughput over the whole request (METRICS.md `e2e_throughput`). The `device` column
/// names the configuration (`PaperLabel`), so `import paper-csv` reads both files back to the same
/// configurations and values: numbers are written in the shortest form that reads back to the same
/// double. One column is added at the end, `tokens_counted` = true, which tells the importer that
/// num_tokens was counted, not the harness's requested maximum.
public enum PaperCSV {
    public static let resultsHeader = [
        "model", "device", "num_runs", "num_tokens", "avg_time_s", "avg_tokens_per_sec", "avg_ttft_s", "response",
        countedColumn,
    ]
    public static let detailsHeader = [
        "model", "device", "num_tokens", "run_elapsed", "elapsed_delta", "run_ttft", "ttft_delta", "response",
        countedColumn,
    ]
    /// the column EdgeBench adds: "true" on every row it writes
    public static let countedColumn = "tokens_counted"

    /// `benchmark_results.csv`: one row per configuration that has measured requests.
    public static func results(_ bundle: ResultBundle) -> String {
        var text = ""
        writeResults(bundle, tallies: RequestTally.of(bundle), to: &text)
        return text
    }

    /// `results` from the summaries and each configuration's tally (parallel to `bundle.configurations`),
    /// so `bundle` may be without its requests.
    public static func writeResults(_ bundle: ResultBundle, tallies: [RequestTally], to out: inout some TextOutputStream) {
        let labels = PaperLabel.labels(bundle.configurations)
        CSVText.write(row: resultsHeader, to: &out)
        for ((c, tally), label) in zip(zip(bundle.configurations, tallies), labels) where tally.requests > 0 {
            CSVText.write(
                row: [
                    PaperLabel.model(c), label, String(tally.requests), number(c.mean(.nOut, tally)),
                    number(c.mean(.e2eLatency, tally)), number(c.mean(.e2eThroughput, tally)),
                    number(c.mean(.ttft, tally)), tally.lastResponse ?? "", "true",
                ], to: &out)
        }
    }

    /// `benchmark_results_details.csv`: one row per measured request; deltas are value − configuration mean.
    public static func details(_ bundle: ResultBundle) -> String {
        var text = ""
        // an in-memory walk cannot fail
        try? writeDetails(StreamedBundle(bundle), tallies: RequestTally.of(bundle), to: &text)
        return text
    }

    /// `details`, row by row as the requests are walked; the means are the summaries', else the tallies'.
    public static func writeDetails(
        _ bundle: StreamedBundle, tallies: [RequestTally], to out: inout some TextOutputStream
    ) throws {
        let labels = PaperLabel.labels(bundle.header.configurations)
        CSVText.write(row: detailsHeader, to: &out)
        for (index, (c, tally)) in zip(bundle.header.configurations, tallies).enumerated() {
            let model = PaperLabel.model(c)
            let meanLatency = c.mean(.e2eLatency, tally)
            let meanTTFT = c.mean(.ttft, tally)
            try bundle.forEachRequest(configuration: index) { request in
                let elapsed = request.metrics[.e2eLatency]
                let ttft = request.metrics[.ttft]
                CSVText.write(
                    row: [
                        model, labels[index], number(request.metrics[.nOut]),
                        number(elapsed), number(difference(elapsed, meanLatency)),
                        number(ttft), number(difference(ttft, meanTTFT)),
                        request.response ?? "", "true",
                    ], to: &out)
            }
        }
    }

    /// Whole numbers as integers, others in Swift's shortest form that parses back to the same double.
    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func difference(_ value: Double?, _ mean: Double?) -> Double? {
        guard let value, let mean else { return nil }
        return value - mean
    }
}
