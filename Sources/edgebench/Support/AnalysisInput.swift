import ArgumentParser
import EdgeBenchCore
import EdgeBenchRunner

/// Where `analyze`, `recommend` and `report` read results from (RunSelection decides which runs).
struct AnalysisInput: ParsableArguments {
    /// `--objectives` of `analyze` and `report`, one text for both.
    static let objectivesHelp = ArgumentHelp(
        "Pareto objectives, METRIC:max|min separated by commas.",
        discussion: "Default: chosen from what the runs have, and said in the output: decode_rate:max (e2e_throughput:max "
            + "where decode_rate is missing, as in imports), energy_per_token:min where every configuration has power, "
            + "volume:min where every configuration's device has dimensions.")

    @Argument(help: "Run directories or bundle.json files (default: the newest run under --output).")
    var runs: [String] = []

    @Option(help: "Read every run of this SQLite results database instead.")
    var db: String?

    @Option(help: "Folder of run directories, searched for the newest run when no RUN is given.")
    var output = "edgebench-results"

    /// The selected runs without their requests (statistics come from each configuration's summary);
    /// with `distributions`, what the report's box plots draw, gathered one request at a time. Any
    /// failure is reported and exits 2.
    func summaries(distributions: Bool) throws -> SelectedRuns {
        do {
            return try RunSelection(runs: runs, database: db, output: output).summaries(distributions: distributions)
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.invalidInput
        }
    }
}
