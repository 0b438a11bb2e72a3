import EdgeBenchCore
import EdgeBenchReports
import Foundation

/// What `run` and `import` print once results are stored: ResultsSummary's results on stdout, where
/// they went on stderr.
enum StoredResults {
    static func print(_ bundle: ResultBundle, directory: URL, outputs: [URL], databasePath: String, json: Bool) throws {
        FileHandle.standardOutput.write(try ResultsSummary.results(bundle, json: json, width: TerminalWidth.columns()))
        for line in ResultsSummary.locations(directory: directory, outputs: outputs, databasePath: databasePath) {
            Stderr.print(line)
        }
    }
}
