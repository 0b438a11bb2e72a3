import ArgumentParser
import EdgeBenchRunner
import Foundation

extension Import {
    struct BundleCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bundle",
            abstract: "Store bundles (bundle.json) measured on other machines in the local results database.",
            discussion: """
                Each bundle is stored as the run it is, under its own run id; a run that is stored already is skipped ("already stored, skipped"), so importing the same bundles again is harmless.

                Example:
                  edgebench import bundle pi5/bundle.json jetson/bundle.json --db edgebench-results/edgebench.sqlite
                """)

        @Argument(help: "bundle.json files written by `edgebench run` (or any EdgeBench import).")
        var files: [String]

        @Option(help: "Folder whose edgebench.sqlite receives the runs (when --db is not given).")
        var output = "edgebench-results"

        @Option(help: "SQLite results database (default: <output>/edgebench.sqlite).")
        var db: String?

        func run() throws {
            let path = db ?? URL(fileURLWithPath: output).appendingPathComponent("edgebench.sqlite").path
            let outcomes: [BundleImporter.Outcome]
            do {
                outcomes = try BundleImporter(databasePath: path).run(files: files.map { URL(fileURLWithPath: $0) })
            } catch let error as ImportError {
                Stderr.error(error.description)
                throw Exit.invalidInput
            } catch {
                Stderr.error(String(describing: error))
                throw Exit.storageFailed
            }
            for outcome in outcomes { Stderr.print(outcome.message) }
            Stderr.print("results database: \(path)")
        }
    }
}
