import ArgumentParser
import EdgeBenchRunner

/// `edgebench import llama-bench|paper-csv|bundle`.
struct Import: ParsableCommand {
    /// Runs an import that creates a run: a bad input exits 2 with its message, a storage failure 4;
    /// then the notes and the usual summary of what was stored where.
    static func storeRun(json: Bool, _ importing: () throws -> ImportOutcome) throws {
        let outcome: ImportOutcome
        do {
            outcome = try importing()
        } catch let error as ImportError {
            Stderr.error(error.description)
            throw Exit.invalidInput
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.storageFailed
        }
        for note in outcome.notes { Stderr.print("note: " + note) }
        try StoredResults.print(
            outcome.bundle, directory: outcome.directory, outputs: outcome.outputs, databasePath: outcome.databasePath,
            json: json)
    }

    static let configuration = CommandConfiguration(
        abstract: "Store results another tool measured as a run of their own.",
        subcommands: [LlamaBench.self, PaperCSVCommand.self, BundleCommand.self])
}
