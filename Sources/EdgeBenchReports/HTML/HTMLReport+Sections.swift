import EdgeBenchAnalysis
import EdgeBenchCore

extension HTMLReport {
    // MARK: 1. Summary

    static func summarySection(bundles: [ResultBundle], analysis: AnalysisReport) -> String {
        var html = ["<section id=\"summary\">", "<h2>Summary</h2>"]
        html.append("<div class=\"answer\"><h3>Which configuration should I deploy, and what do I give up?</h3>")
        html.append(contentsOf: DecisionText.recommendation(analysis).map { paragraph($0) })
        html.append("</div>")

        if let ranking = analysis.ranking {
            html.append("<h3>Ranking for scenario \(escape(ranking.scenario.name))</h3>")
            html.append(paragraph(ranking.scenario.description, class: "muted"))
            // The description is the paragraph above; the list gives the weights and constraints.
            html.append(list(Array(ranking.scenario.summaryLines.dropFirst())))
            html.append(list(DecisionText.rankingTop(analysis)))
            let excluded = ranking.excluded.keys.sorted().map { "\($0) not ranked: " + (ranking.excluded[$0] ?? []).joined(separator: "; ") }
            html.append(list(excluded + ranking.notes))
        }

        let objectives = analysis.pareto.objectives.map(\.description).joined(separator: ", ")
        html.append("<h3>Pareto front (\(escape(objectives)))</h3>")
        html.append(list(DecisionText.front(analysis)))
        if !analysis.failed.isEmpty {
            html.append("<h3>Not completed</h3>")
            html.append(list(analysis.failed.map { "\($0.id) \($0.status): \($0.error)" }))
        }
        html.append("<h3>What was measured where</h3>")
        html.append(runsTable(bundles))
        html.append(configurationsTable(bundles: bundles, analysis: analysis))
        html.append(list(analysis.notes))
        html.append("</section>")
        return html.joined(separator: "\n")
    }

    /// Provenance per run: which EdgeBench, which host, when.
    static func runsTable(_ bundles: [ResultBundle]) -> String {
        let rows = bundles.map { bundle in
            var machine = bundle.environment.machineText
            if let os = bundle.environment.os { machine += ", " + os }
            return [
                td(bundle.run.id), td(bundle.run.planName ?? ReportColumns.missing), td(bundle.run.edgebenchVersion),
                td(bundle.environment.hostname), td(machine), td(bundle.run.startedAt),
                td(bundle.configurations.count.description, class: "num"),
            ]
        }
        return table(header: ["run", "plan", "EdgeBench version", "host", "machine", "started (UTC)", "configurations"],
                     rows: rows)
    }

    /// Every configuration: device, engine, model and power source, so each number has a where.
    static func configurationsTable(bundles: [ResultBundle], analysis: AnalysisReport) -> String {
        let entries = ReportEntry.make(bundles: bundles, analysis: analysis)
        let front = Set(analysis.pareto.front)
        let rows = entries.map { entry in
            let result = entry.result
            let engine = result.map { $0.engine.versionText + ($0.engine.offload.map { ", offload \($0)" } ?? "") }
                ?? entry.analysis.engineName
            let model = result.map(\.model.provenanceText) ?? entry.analysis.model
            let power = result?.power?.provenanceText ?? "no power source"
            let id = front.contains(entry.id) ? "<td class=\"front\">\(escape(entry.id)) ★</td>" : td(entry.id)
            return [
                id, td(entry.analysis.deviceName ?? "unknown device"), td(engine), td(model), td(power),
                "<td>\(flagBadges(entry.analysis.flags))</td>",
            ]
        }
        return table(header: ["configuration (★ Pareto front)", "device", "engine", "model", "power", "flags"], rows: rows)
    }

    static func flagBadges(_ flags: [String]) -> String {
        flags.isEmpty ? escape(ReportColumns.missing)
            : flags.map { "<span class=\"flag\" title=\"\(escape(FlagLegend.meaning($0)))\">\(escape($0))</span>" }.joined(separator: " ")
    }

    // MARK: 2. Results matrix

    static func matrixSection(_ matrix: ResultsMatrix, analysis: AnalysisReport) -> String {
        var html = ["<section id=\"matrix\">", "<h2>Results matrix</h2>"]
        html.append(paragraph(
            "Model × configuration. Each cell: mean ± sample standard deviation with its unit, then n (measured "
                + "requests) and CV (coefficient of variation). \"–\" means not measured or not supported, never 0.",
            class: "muted"))
        guard !matrix.models.isEmpty else {
            html.append(paragraph("No completed configuration: nothing to tabulate."))
            html.append("</section>")
            return html.joined(separator: "\n")
        }
        var rows: [[String]] = []
        for model in matrix.models {
            for (index, metric) in ResultsMatrix.metrics.enumerated() {
                var row: [String] = []
                if index == 0 {
                    // spans the metric rows and the flags row below them
                    row.append("<th scope=\"row\" rowspan=\"\(ResultsMatrix.metrics.count + 1)\">\(escape(model))</th>")
                }
                row.append(td(matrix.header(metric)))
                for setup in matrix.setups {
                    let cell = matrix.cell(model: model, setup: setup, metric: metric)
                    if cell.isMeasured {
                        row.append("<td class=\"num\">\(escape(cell.value))<span class=\"detail\">\(escape(cell.detail))</span></td>")
                    } else {
                        row.append(td(cell.value, class: "missing"))
                    }
                }
                rows.append(row)
            }
            var flags = ["<td>flags</td>"]
            for setup in matrix.setups {
                let entry = matrix.entry(model: model, setup: setup)
                flags.append("<td>\(entry.map { flagBadges($0.analysis.flags) } ?? escape(ReportColumns.missing))</td>")
            }
            rows.append(flags)
        }
        html.append(table(header: ["model", "metric"] + matrix.setups, rows: rows, class: "matrix"))
        let coverage = matrix.models.flatMap { model in
            matrix.setups.compactMap { setup -> String? in
                guard let entry = matrix.entry(model: model, setup: setup),
                      let coverage = EnergyCoverage(entry.result, summary: entry.analysis.summary)
                else { return nil }
                return "energy_per_token of \(entry.id): \(coverage.count) requests — " + coverage.reasons.joined(separator: "; ") + "."
            }
        }
        if !coverage.isEmpty { html.append(list(coverage)) }
        html.append(definitionList(matrix.definitions))
        html.append("</section>")
        return html.joined(separator: "\n")
    }

    // MARK: 4. Definitions

    static func definitionsSection(analysis: AnalysisReport, entries: [ReportEntry]) -> String {
        var html = ["<section id=\"definitions\">", "<h2>Definitions</h2>"]
        html.append(paragraph(
            "Every metric this report uses, as METRICS.md defines it, in the unit it is stored in (SI). Tables and "
                + "charts may print a smaller unit (ms, cm³); the unit is always printed beside the number.",
            class: "muted"))
        html.append(definitionList(usedMetrics(analysis).map { $0 }))
        html.append("<h3>Flags</h3>")
        let flagRows = Flag.allCases.map { flag in
            [td(flag.rawValue), td(FlagLegend.meaning(flag.rawValue)),
             td(entries.filter { $0.analysis.flags.contains(flag.rawValue) }.map(\.id).joined(separator: ", "))]
        }
        html.append(table(header: ["flag", "meaning", "where it applies"], rows: flagRows))
        let missing = entries.flatMap { entry in
            entry.analysis.notAvailable.keys.sorted().map { "\(entry.id): \($0) n/a — \(entry.analysis.notAvailable[$0] ?? "")" }
        }
        if !missing.isEmpty {
            html.append("<h3>Derived metrics not available</h3>")
            html.append("<details><summary>\(missing.count) values, each with its reason</summary>\(list(missing))</details>")
        }
        let parameters = analysis.parameters.map { use in
            "\(use.name) = " + (use.value.map { "\(DisplayValue.compact($0, significantDigits: 6)) \(use.unit)" } ?? "not given")
                + (use.isDefault ? " (documented default)" : "")
        }
        html.append("<h3>Analysis parameters</h3>")
        html.append(list(parameters))
        html.append(paragraph("Source of the definitions: METRICS.md in the EdgeBench repository.", class: "note"))
        html.append("</section>")
        return html.joined(separator: "\n")
    }

    /// (id, unit, definition) of every metric the report prints or decides on.
    static func usedMetrics(_ analysis: AnalysisReport) -> [(String, String, String)] {
        let measured: [MetricID] = [.e2eThroughput, .ttft, .itl, .energyPerToken, .meanPower, .decodeRate,
                                    .serverDecodeRate]
        let derived: [MetricID] = [.volume, .throughputDensity, .acceleratorGain, .decodeCeiling, .rooflineEfficiency]
        var rows = measured.map { ($0.rawValue, $0.unit.rawValue, $0.definition) }
            + derived.map { ($0.rawValue, $0.unit.rawValue, $0.definition) }
        let named = analysis.pareto.objectives.map(\.metric) + (analysis.scenario?.weights.map(\.metric) ?? [])
        for key in firstSeen(named) where !rows.contains(where: { $0.0 == key.description }) {
            let statistic = key.statistic == nil ? "" : " (statistic \(key))"
            rows.append((key.description, key.unit.rawValue, key.metric.definition + statistic))
        }
        return rows
    }

    static func definitionList(_ rows: [(String, String, String)]) -> String {
        "<dl class=\"defs\">" + rows.map { id, unit, definition in
            "<dt>\(escape(id)) (\(escape(unit)))</dt><dd>\(escape(definition))</dd>"
        }.joined() + "</dl>"
    }
}
