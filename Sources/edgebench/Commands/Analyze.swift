import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchReports
import EdgeBenchRunner
import Foundation

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Derived metrics, accelerator gains, the Pareto front and a scenario ranking of stored runs.",
        discussion: """
            RUN is a run directory (edgebench-results/<run id>/) or a bundle.json; several may be given. With none, the newest run under --output is analysed; with --db, every run in that SQLite database.

            Derived metrics (METRICS.md): volume, mass, price, throughput_density (tok/s/m³), throughput_per_kg, throughput_per_dollar, cost_per_mtok, tokens_per_battery, battery_hours, accelerator_gain, decode_ceiling and roofline_efficiency. A metric whose input is missing prints n/a, with the reason under the table — never a number made from a default.

            Examples:
              edgebench analyze
              edgebench analyze edgebench-results/2026-11-23T10-00-00Z --scenario uav
              edgebench analyze --db edgebench-results/edgebench.sqlite --objectives decode_rate:max,mass:min --json
            """)

    @OptionGroup var input: AnalysisInput

    @Option(help: AnalysisInput.objectivesHelp)
    var objectives: String?

    @Option(help: "Rank for a scenario: a preset (\(Scenario.presetNames.joined(separator: ", "))) or a scenario YAML file.")
    var scenario: String?

    @ArgumentParser.Flag(help: "Print the analysis as JSON (metrics in SI units) and nothing else on stdout.")
    var json = false

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
        let report = Analysis.analyze(
            bundles: try input.summaries(distributions: false).bundles, objectives: parsedObjectives, scenario: parsedScenario)
        if json {
            FileHandle.standardOutput.write(try AnalysisJSON.encode(report))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(AnalysisText.render(report))
        }
    }
}

// MARK: - Input
