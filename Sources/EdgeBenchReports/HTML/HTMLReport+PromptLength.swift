import EdgeBenchAnalysis
import EdgeBenchCore

extension HTMLReport {
    /// One configuration whose prompt was built to a length (`prompt_tokens`), as the prompt-length view reads it.
    struct PromptLengthRow {
        var entry: ReportEntry
        /// the line it belongs to: engine/model/workload, the workload without its `-p<N>`
        var series: String
        var target: Int
        var built: BuiltPrompt?

        func mean(_ metric: MetricID) -> Double? { entry.analysis.metrics[metric].flatMap { $0.isFinite ? $0 : nil } }
    }

    /// The configurations of the report that have a prompt length, in report order.
    static func promptLengthRows(_ entries: [ReportEntry]) -> [PromptLengthRow] {
        entries.compactMap { entry in
            guard let workload = entry.result?.workload, let target = workload.promptTokens else { return nil }
            var parts = entry.id.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let suffix = "-p\(target)"
            if parts.count == 3, parts[2].hasSuffix(suffix) { parts[2].removeLast(suffix.count) }
            return PromptLengthRow(entry: entry, series: parts.joined(separator: "/"), target: target, built: workload.builtPrompt)
        }
    }

    /// The prefill-dominated view: TTFT and prefill rate against prompt length, one line per engine × model
    /// (× workload), and prefill energy per token where power was measured. nil when no workload has a length.
    static func promptLengthSection(_ entries: [ReportEntry]) -> String? {
        let rows = promptLengthRows(entries)
        guard !rows.isEmpty else { return nil }
        var html = ["<section id=\"prompt-length\">", "<h2>Prompt length</h2>"]
        html.append(paragraph(
            "Workloads with prompt_tokens: each prompt was built to that many tokens for the engine's own tokenizer "
                + "(llama.cpp /tokenize), or calibrated on the server's prompt count where there is none. n_in is what "
                + "the server evaluated, its chat template included. Means over the measured requests; "
                + "\"\(ReportColumns.missing)\" = not measured.",
            class: "muted"))
        let series = firstSeen(rows.map(\.series))
        let lines = { (metric: MetricID) in
            series.map { name in
                LineSeries(
                    label: name,
                    points: rows.filter { $0.series == name }.sorted { $0.target < $1.target }
                        .map { (x: Double($0.target), y: $0.mean(metric)) })
            }
        }
        let length = ChartAxis(title: "Prompt length", unit: "tokens")
        // lengths that span a factor of 4 or more (128 … 2048) read better in ratios
        let targets = rows.map(\.target)
        let logarithmic = (targets.max() ?? 1) >= 4 * (targets.min() ?? 1)
        let ttft = LineChart(
            title: "Time to first token against prompt length", series: lines(.ttft), xAxis: length,
            yAxis: ChartAxis(title: "TTFT", unit: MetricID.ttft.unit.rawValue), logarithmicX: logarithmic)
        let rate = LineChart(
            title: "Prefill rate against prompt length", series: lines(.prefillRate), xAxis: length,
            yAxis: ChartAxis(title: "Prefill rate", unit: MetricID.prefillRate.unit.rawValue), logarithmicX: logarithmic)
        html.append(figure(
            id: "chart-prompt-ttft", svg: ttft.svg(),
            caption: "Mean ttft (s) against prompt_tokens (tokens), one line per engine/model/workload.",
            definitions: [(MetricID.ttft.rawValue, MetricID.ttft.unit.rawValue, MetricID.ttft.definition)]))
        html.append(figure(
            id: "chart-prompt-prefill-rate", svg: rate.svg(),
            caption: "Mean prefill_rate (tok/s) against prompt_tokens (tokens), one line per engine/model/workload.",
            definitions: [(MetricID.prefillRate.rawValue, MetricID.prefillRate.unit.rawValue, MetricID.prefillRate.definition)]))

        let metrics: [MetricID] = [.nIn, .ttft, .prefillRate, .prefillEnergyPerToken]
        let header = ["configuration", "prompt_tokens (tokens)", "built by", "achieved (tokens)"] + metrics.map(ReportColumns.header)
        let tableRows = rows.map { row in
            [
                td(row.entry.id), td(String(row.target), class: "num"),
                td(row.built?.method.rawValue ?? ReportColumns.missing),
                row.built?.achieved.map { td(String($0), class: "num") } ?? td(ReportColumns.missing, class: "missing"),
            ] + metrics.map { metric in
                row.mean(metric).map { td(DisplayValue.compact($0, significantDigits: 3), class: "num") }
                    ?? td(ReportColumns.missing, class: "missing")
            }
        }
        html.append(table(header: header, rows: tableRows, caption: "Prefill against prompt length"))
        if rows.allSatisfy({ $0.mean(.prefillEnergyPerToken) == nil }) {
            html.append(paragraph(
                "No power was measured for these configurations, so there is no prefill_energy_per_token (J/token): "
                    + "run with a power source (edgebench sensors lists this machine's).", class: "muted"))
        }
        html.append("</section>")
        return html.joined(separator: "\n")
    }
}
