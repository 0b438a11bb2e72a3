import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchRunner
import Foundation

struct Recommend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The best configuration for a scenario, the runner-up, and the trade-off between them.",
        discussion: """
            Ranks the completed configurations of the runs (as `edgebench analyze --scenario` does) and prints the winner, the runner-up, what the winner gains on the weighted metrics and what you give up against the runner-up on every measured dimension (weighted or not, both values with units).

            A weighted metric no configuration has is replaced by its stand-in (decode_rate by e2e_throughput in imports) or left out with the value to set named in a note; a configuration missing a weighted metric others have is listed as excluded with what to set.

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
        let report = Analysis.analyze(bundles: try input.summaries(distributions: false).bundles, scenario: parsed)
        guard let ranking = report.ranking else { return }
        // the scenario as it ranked: a stand-in or a left-out weight is in its lines and said in a note
        for line in ranking.scenario.summaryLines { print(line) }
        for note in ranking.notes { print("note: " + note) }
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
