import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchRunner
import Foundation

struct Recommend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The best configuration for a scenario, the runner-up, and the trade-off between them.",
        discussion: """
            Ranks the completed configurations of the runs (as `edgebench analyze --scenario` does) and prints the winner, the runner-up and one sentence of numbers on what the winner gains and pays.

            Examples:
              edgebench recommend --scenario uav
              edgebench recommend --scenario my-kit.yaml edgebench-results/<run id>
            """)

    @Option(help: "A preset (\(Scenario.presetNames.joined(separator: ", "))) or a scenario YAML file.")
    var scenario: String

    @OptionGroup var input: AnalysisInput

    func run() throws {
        let parsed: Scenario
        do {
            parsed = try ScenarioFile.load(scenario)
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.invalidInput
        }
        let objectives = (try? Objective.parseList(Analysis.defaultObjectives)) ?? []
        let report = Analysis.analyze(bundles: try input.summaries(distributions: false).bundles, objectives: objectives, scenario: parsed)
        guard let ranking = report.ranking else { return }
        for line in parsed.summaryLines { print(line) }
        guard let winner = ranking.entries.first else {
            print("no configuration qualifies:")
            for (id, reasons) in ranking.excluded.sorted(by: { $0.key < $1.key }) {
                print("  \(id): \(reasons.joined(separator: "; "))")
            }
            throw Exit.configurationFailed
        }
        print("winner: \(winner.id) (score \(DisplayValue.compact(winner.score)))")
        if ranking.entries.count > 1 {
            let runnerUp = ranking.entries[1]
            print("runner-up: \(runnerUp.id) (score \(DisplayValue.compact(runnerUp.score)))")
            if let sentence = ranking.tradeOff(candidates: report.candidates) { print(sentence) }
        } else {
            print("runner-up: none — only one configuration qualifies")
        }
        if !ranking.excluded.isEmpty {
            print("excluded: " + ranking.excluded.keys.sorted().joined(separator: ", ") + " (see `edgebench analyze --scenario \(scenario)`)")
        }
    }
}
