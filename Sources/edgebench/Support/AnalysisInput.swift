import ArgumentParser
import EdgeBenchCore
import EdgeBenchRunner

/// Where `analyze`, `recommend` and `report` read results from (RunSelection decides which runs).
struct AnalysisInput: ParsableArguments {
    @Argument(help: "Run directories or bundle.json files (default: the newest run under --output).")
    var runs: [String] = []

    @Option(help: "Read every run of this SQLite results database instead.")
    var db: String?

    @Option(help: "Folder of run directories, searched for the newest run when no RUN is given.")
    var output = "edgebench-results"

    /// The selected runs' bundles; any failure is reported and exits 2.
    func bundles() throws -> [ResultBundle] {
        do {
            return try RunSelection(runs: runs, database: db, output: output).bundles()
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.invalidInput
        }
    }
}
