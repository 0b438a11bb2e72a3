import EdgeBenchAnalysis
import EdgeBenchCore

extension HTMLReport {
    /// The methodology's Table 3, laid out as the paper prints it, so a reader can put the two side by side:
    /// model rows × configuration columns, four numbers per configuration (tok/s, TTFT in s, MJ/Mtok,
    /// Tps/m³), plain means with three significant digits. The matrix above carries their spread and n.
    static func paperViewSection(_ matrix: ResultsMatrix) -> String {
        var html = ["<section id=\"paper\">", "<h2>Paper view</h2>"]
        html.append(paragraph(
            "The methodology's Table 3 layout: one row per model, four columns per configuration (device · runtime · "
                + "placement). MJ/Mtok is energy_per_token in J/token (the same number); Tps/m³ is throughput_density "
                + "(tok/s/m³). Means only; \"–\" = not measured. The paper's figures are below under Charts: power vs "
                + "throughput (bubble area = volume), the heatmaps and CPU vs accelerator energy.",
            class: "muted"))
        guard !matrix.models.isEmpty else {
            html.append(paragraph("No completed configuration: nothing to tabulate."))
            html.append("</section>")
            return html.joined(separator: "\n")
        }
        let columns: [(MetricID, String)] = [
            (.e2eThroughput, "tok/s"), (.ttft, "TTFT (s)"), (.energyPerToken, "MJ/Mtok"), (.throughputDensity, "Tps/m³"),
        ]
        var table = "<div class=\"table-scroll\"><table class=\"paper\"><thead><tr><th scope=\"col\" rowspan=\"2\">model</th>"
        for setup in matrix.setups {
            table += "<th scope=\"colgroup\" colspan=\"\(columns.count)\">\(escape(setup))</th>"
        }
        table += "</tr><tr>"
        for _ in matrix.setups {
            table += columns.map { "<th scope=\"col\">\(escape($0.1))</th>" }.joined()
        }
        table += "</tr></thead><tbody>"
        for model in matrix.models {
            table += "<tr><th scope=\"row\">\(escape(model))</th>"
            for setup in matrix.setups {
                let metrics = matrix.entry(model: model, setup: setup)?.analysis.metrics ?? [:]
                for (metric, _) in columns {
                    if let value = metrics[metric], value.isFinite {
                        table += td(DisplayValue.compact(value, significantDigits: 3), class: "num")
                    } else {
                        table += td(ReportColumns.missing, class: "missing")
                    }
                }
            }
            table += "</tr>"
        }
        html.append(table + "</tbody></table></div>")
        html.append("</section>")
        return html.joined(separator: "\n")
    }
}
