import EdgeBenchAnalysis
import EdgeBenchCore

/// `report.html`: one self-contained page (inline CSS and SVG, no script, nothing fetched) that answers
/// "which configuration should I deploy, and what do I give up?" with the methodology's matrix, its
/// figures and the analysis's decisions. The markup is XHTML-compatible, so it parses as XML too.
public enum HTMLReport {
    /// `distributions`: per bundle, configuration id → its TTFT and ITL distributions, for bundles read
    /// without their requests (`requests` empty); nil or a missing id: gathered from `requests`.
    public static func render(
        bundles: [ResultBundle], analysis: AnalysisReport, distributions: [[String: RequestDistributions]]? = nil
    ) -> String {
        let entries = ReportEntry.make(bundles: bundles, analysis: analysis, distributions: distributions)
        let matrix = ResultsMatrix(entries)
        let promptLength = promptLengthSection(entries)
        var body: [String] = []
        body.append(header(bundles, promptLength: promptLength != nil))
        body.append(summarySection(bundles: bundles, analysis: analysis))
        body.append(matrixSection(matrix, analysis: analysis))
        body.append(paperViewSection(matrix))
        body.append(loadSection(entries))
        body.append(chartsSection(entries: entries, matrix: matrix, analysis: analysis))
        if let promptLength { body.append(promptLength) }
        body.append(definitionsSection(analysis: analysis, entries: entries))
        return """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(escape(title(bundles)))</title>
            <style>
            \(HTMLStyle.css)
            </style>
            </head>
            <body>
            <main>
            \(body.joined(separator: "\n"))
            </main>
            </body>
            </html>

            """
    }

    static func title(_ bundles: [ResultBundle]) -> String {
        let names = firstSeen(bundles.compactMap(\.run.planName))
        return names.isEmpty ? "EdgeBench report" : "EdgeBench report: " + names.joined(separator: ", ")
    }

    /// `promptLength`: the page has the prompt-length view (some workload has prompt_tokens).
    static func header(_ bundles: [ResultBundle], promptLength: Bool = false) -> String {
        let runs = bundles.map(\.run.id).joined(separator: ", ")
        return """
            <header>
            <h1>\(escape(title(bundles)))</h1>
            <p class="muted">\(bundles.count == 1 ? "Run" : "Runs") \(escape(runs.isEmpty ? "none" : runs)). \
            Every metric is a METRICS.md id; values are means over the measured requests (warm-up excluded).</p>
            <nav><a href="#summary">Summary</a><a href="#matrix">Results matrix</a><a href="#paper">Paper view</a><a href="#charts">Charts</a>\
            \(promptLength ? "<a href=\"#prompt-length\">Prompt length</a>" : "")<a href="#definitions">Definitions</a></nav>
            </header>
            """
    }

    /// Text and attribute escaping: plans and catalogs people write may hold any of `& < > " '`.
    static func escape(_ text: String) -> String { SVGEscape.text(text) }

    static func paragraph(_ text: String, class name: String? = nil) -> String {
        "<p\(name.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</p>"
    }

    static func list(_ items: [String], ordered: Bool = false) -> String {
        guard !items.isEmpty else { return "" }
        let tag = ordered ? "ol" : "ul"
        return "<\(tag)>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</\(tag)>"
    }

    /// A table inside a horizontally scrolling box: cells are already-escaped HTML.
    static func table(header: [String], rows: [[String]], caption: String? = nil, class name: String? = nil) -> String {
        var html = "<div class=\"table-scroll\"><table\(name.map { " class=\"\($0)\"" } ?? "")>"
        if let caption { html += "<caption>\(escape(caption))</caption>" }
        html += "<thead><tr>" + header.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows { html += "<tr>" + row.joined() + "</tr>" }
        return html + "</tbody></table></div>"
    }

    static func td(_ text: String, class name: String? = nil) -> String {
        "<td\(name.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</td>"
    }
}
