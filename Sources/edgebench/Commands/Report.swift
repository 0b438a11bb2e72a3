import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchReports
import EdgeBenchRunner
import Foundation

/// `edgebench report`: the results people read, from stored runs.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render stored runs as a self-contained HTML page, Markdown, or tidy CSV/JSON.",
        discussion: """
            RUN is a run directory (edgebench-results/<run id>/) or a bundle.json; several may be given. With none, the newest run under --output is reported; with --db, every run in that SQLite database.

            html: one file with inline CSS and SVG (no script, nothing fetched), readable on a phone and printable: summary and recommendation, the results matrix (e2e_throughput, ttft, energy_per_token with n and CV), charts and every metric's definition. md: the summary and the matrix. csv: one row per configuration and metric in SI units. json: the analysis as `edgebench analyze --json` prints it.

            Examples:
              edgebench report --out report.html
              edgebench report edgebench-results/2026-11-23T10-00-00Z --scenario interactive --out report.html
              edgebench report --db edgebench-results/edgebench.sqlite --format md
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, md, csv, json
    }

    @OptionGroup var input: AnalysisInput

    @Option(help: "Output format: html, md, csv or json.")
    var format: Format = .html

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Option(help: "Rank for a scenario: a preset (\(Scenario.presetNames.joined(separator: ", "))) or a scenario YAML file.")
    var scenario: String?

    @Option(help: AnalysisInput.objectivesHelp)
    var objectives: String?

    func run() throws {
        let parsedObjectives: [Objective]?
        let parsedScenario: Scenario?
        do {
            parsedObjectives = try objectives.map(Objective.parseList)
            parsedScenario = try scenario.map(ScenarioFile.load)
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.invalidInput
        }
        // only the HTML page draws distributions; every other number is in the summaries
        let selected = try input.summaries(distributions: format == .html)
        let bundles = selected.bundles
        let analysis = Analysis.analyze(bundles: bundles, objectives: parsedObjectives, scenario: parsedScenario)
        let data: Data
        switch format {
        case .html:
            data = Data(HTMLReport.render(bundles: bundles, analysis: analysis, distributions: selected.distributions).utf8)
        case .md: data = Data(AnalysisMarkdown.render(bundles: bundles, analysis: analysis).utf8)
        case .csv: data = Data(ReportTables.csv(bundles: bundles, analysis: analysis).utf8)
        case .json: data = try AnalysisJSON.encode(analysis) + Data("\n".utf8)
        }
        guard let out else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            Stderr.error("cannot write the report to \(out): \(SystemErrorText.reason(error)); "
                + "choose a writable path with --out")
            throw Exit.storageFailed
        }
        Stderr.print("wrote \(out)")
    }
}
