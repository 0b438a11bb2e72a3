import EdgeBenchAnalysis
import EdgeBenchCore

extension HTMLReport {
    // MARK: 3. Charts

    static func chartsSection(entries: [ReportEntry], matrix: ResultsMatrix, analysis: AnalysisReport) -> String {
        var html = ["<section id=\"charts\">", "<h2>Charts</h2>"]
        html.append(powerThroughputFigure(entries, analysis: analysis))
        html.append(acceleratorFigure(entries, analysis: analysis))
        for (metric, title, unit) in heatmapMetrics {
            html.append(heatmapFigure(entries, matrix: matrix, metric: metric, title: title, unit: unit))
        }
        html.append(distributionFigures(entries))
        html.append(powerTimelineFigure(entries))
        html.append(rooflineFigure(entries))
        html.append("</section>")
        return html.joined(separator: "\n")
    }

    static let heatmapMetrics: [(MetricID, String, String)] = [
        (.e2eThroughput, "End-to-end throughput", "tok/s"),
        (.throughputDensity, "Throughput density", "tok/s/m³"),
        (.energyPerToken, "Energy per token", "J/token"),
    ]

    /// A chart with its caption; `svg` nil prints the caption alone (a missing chart says why, never blank).
    static func figure(id: String, svg: String?, caption: String, definitions: [(String, String, String)] = []) -> String {
        var html = "<figure id=\"\(escape(id))\">"
        if let svg { html += svg }
        html += "<figcaption>\(escape(caption))"
        if !definitions.isEmpty { html += definitionList(definitions) }
        return html + "</figcaption></figure>"
    }

    static func group(_ entry: ReportEntry) -> String { entry.analysis.deviceName ?? "unknown device" }

    /// The methodology's main figure: mean power vs end-to-end throughput, bubble area = device volume.
    static func powerThroughputFigure(_ entries: [ReportEntry], analysis: AnalysisReport) -> String {
        let points = entries.map { entry in
            let metrics = entry.analysis.metrics
            return BubblePoint(
                id: entry.id, label: entry.id, group: group(entry), x: metrics[.meanPower],
                y: metrics[.e2eThroughput], size: metrics[.volume])
        }
        let chart = BubbleChart(
            title: "Power vs throughput", points: points, xAxis: ChartAxis(title: "Mean power", unit: "W"),
            yAxis: ChartAxis(title: "End-to-end throughput", unit: "tok/s"),
            sizeAxis: ChartAxis(title: "Device volume", unit: "m³"), highlighted: Set(analysis.pareto.front))
        let noPower = points.filter { $0.x == nil }.map(\.id)
        var caption = "Mean power (W) against end-to-end throughput (tok/s); bubble area ∝ device volume (m³); "
            + "outlined bubbles joined by the dashed line are the Pareto front (\(analysis.pareto.objectives.map(\.description).joined(separator: ", ")))."
        caption += noPower.isEmpty ? " Every configuration measured power."
            : " Not drawn, no power measured: \(noPower.joined(separator: ", "))."
        let defs = [MetricID.meanPower, .e2eThroughput].map { ($0.rawValue, $0.unit.rawValue, $0.definition) }
            + [(MetricID.volume.rawValue, MetricID.volume.unit.rawValue, MetricID.volume.definition)]
        return figure(id: "chart-power-throughput", svg: chart.svg(), caption: caption, definitions: defs)
    }

    /// CPU vs accelerator energy per token per board, from the analysis's CPU/accelerated pairs.
    static func acceleratorFigure(_ entries: [ReportEntry], analysis: AnalysisReport) -> String {
        let energy = Dictionary(entries.map { ($0.id, $0.analysis.metrics[.energyPerToken]) },
                                uniquingKeysWith: { first, _ in first })
        let groups = analysis.acceleratorGains.map { pair in
            BarGroup(label: "\(pair.board) · \(pair.model)",
                     values: [energy[pair.cpuConfiguration] ?? nil, energy[pair.acceleratedConfiguration] ?? nil])
        }
        let chart = BarChart(title: "CPU vs accelerator energy per token", series: ["CPU", "accelerator"], groups: groups,
                             valueAxis: ChartAxis(title: "Energy per token", unit: "J/token"))
        var caption = "Energy per token (J/token) of the same board, model and workload on the CPU and on the accelerator."
        if groups.isEmpty {
            caption += " No CPU/accelerator pair was measured, so there is nothing to compare."
        } else {
            caption += " Gains: " + analysis.acceleratorGains.map { pair in
                "\(pair.acceleratedConfiguration) vs \(pair.cpuConfiguration): "
                    + (pair.gain.number.map { DisplayValue.compact($0, significantDigits: 3) + "×" } ?? "n/a — \(pair.gain.reason ?? "")")
            }.joined(separator: "; ") + "."
        }
        let gain = MetricID.acceleratorGain
        return figure(id: "chart-accelerator", svg: groups.isEmpty ? nil : chart.svg(), caption: caption,
                      definitions: [(gain.rawValue, gain.unit.rawValue, gain.definition)])
    }

    /// Model (rows) × configuration (columns), as the results matrix, coloured by one metric: the bright end
    /// is the better one whichever way the metric improves.
    static func heatmapFigure(_ entries: [ReportEntry], matrix: ResultsMatrix, metric: MetricID, title: String, unit: String) -> String {
        let values = matrix.models.map { model in
            matrix.setups.map { setup in matrix.entry(model: model, setup: setup)?.analysis.metrics[metric] }
        }
        let lines = matrix.setups.map { setup in entries.first { $0.setup == setup }?.setupLines ?? [setup] }
        let direction = metric.defaultDirection.map { $0 == .maximize }
        let chart = Heatmap(title: "\(title) by model and configuration", rows: matrix.models, columns: matrix.setups,
                            values: values, valueAxis: ChartAxis(title: title, unit: unit), higherIsBetter: direction,
                            columnLines: lines)
        let better = direction.map { $0 ? " Higher is better: yellow is the best value, dark purple the worst."
            : " Lower is better: yellow is the best (lowest) value, dark purple the worst." } ?? ""
        return figure(id: "chart-heatmap-\(metric.rawValue)", svg: chart.svg(),
                      caption: "\(title) (\(unit)) per model (rows) and configuration (columns: device · runtime · "
                        + "placement); grey \"–\" = not measured." + better,
                      definitions: [(metric.rawValue, unit, metric.definition)])
    }

    /// TTFT and ITL box plots from each configuration's `RequestDistributions` (gathered request by
    /// request). Only quantiles reach the page (at most 50 outlier dots per box), so 100,000 requests
    /// cost no more bytes than ten.
    static func distributionFigures(_ entries: [ReportEntry]) -> String {
        let gathered = entries.map { ($0.id, $0.requestDistributions) }
        let ttft = gathered.map { ($0.0, $0.1.ttft) }
        let itl = gathered.map { ($0.0, $0.1.itl) }
        return [
            distributionFigure(id: "chart-ttft", title: "Time to first token", metric: .ttft, series: ttft),
            distributionFigure(id: "chart-itl", title: "Inter-token latency", metric: .itl, series: itl),
        ].joined(separator: "\n")
    }

    static func distributionFigure(
        id: String, title: String, metric: MetricID, series: [(label: String, distribution: SampleDistribution)]
    ) -> String {
        let boxes = series.map { ($0.label, $0.distribution.boxStatistics) }
        let unit = DisplayUnit.time(boxes.compactMap { $0.1?.median })
        // converted for printing only: the chart reads ms where the values are below a second
        let shown = series.map { BoxSeries(label: $0.label, statistics: $0.distribution.boxStatistics(scaledBy: unit.scale)) }
        let chart = BoxPlot(title: "\(title) per configuration", series: shown,
                            valueAxis: ChartAxis(title: title, unit: unit.symbol))
        let empty = boxes.filter { $0.1 == nil }.map(\.0)
        var caption = "\(title) (\(unit.symbol)) over the measured requests of each configuration."
        if !empty.isEmpty { caption += " No samples stored for: \(empty.joined(separator: ", "))." }
        let binned = series.filter { !$0.distribution.isExact }.map(\.label)
        if !binned.isEmpty {
            caption += " Quartiles, whiskers and outliers of \(binned.joined(separator: ", ")) are read from a histogram "
                + "of 3 significant digits (more than \(SampleDistribution.exactLimit) values); n, min and max are exact."
        }
        return figure(id: id, svg: chart.svg(), caption: caption,
                      definitions: [(metric.rawValue, metric.unit.rawValue, metric.definition)])
    }

    /// Decode rate against the board's memory-bandwidth ceiling.
    static func rooflineFigure(_ entries: [ReportEntry]) -> String {
        let rows = entries.map { entry in
            let metrics = entry.analysis.metrics
            return RooflineEntry(
                label: entry.id,
                measured: metrics[.serverDecodeRate] ?? metrics[.decodeRate],
                ceiling: metrics[.decodeCeiling])
        }
        let chart = RooflineChart(title: "Decode rate vs memory-bandwidth ceiling", entries: rows)
        let missing = entries.compactMap { entry in
            entry.analysis.notAvailable[.decodeCeiling].map { "\(entry.id): \($0)" }
        }
        var caption = "Measured decode rate (server_decode_rate, else decode_rate, tok/s) against decode_ceiling (tok/s); "
            + "the percentage is roofline_efficiency."
        if !missing.isEmpty { caption += " No ceiling — " + missing.joined(separator: "; ") + "." }
        let defs = [MetricID.decodeCeiling, .rooflineEfficiency].map { ($0.rawValue, $0.unit.rawValue, $0.definition) }
        return figure(id: "chart-roofline", svg: chart.svg(), caption: caption, definitions: defs)
    }
}
