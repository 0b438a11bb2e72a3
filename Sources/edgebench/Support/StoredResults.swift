import EdgeBenchCore
import EdgeBenchReports
import Foundation

/// What `run` and `import` print once results are stored: ResultsSummary's results on stdout, where
/// they went on stderr.
enum StoredResults {
    /// `bundleFile`: the bundle.json written for `bundle`, printed for `json` instead of encoding `bundle`
    /// again (a finished run's bundle comes without its requests: the file has them). `requestCounts`:
    /// each configuration's measured requests, for the table of a bundle without them.
    static func print(
        _ bundle: ResultBundle, directory: URL, outputs: [URL], databasePath: String, json: Bool,
        bundleFile: URL? = nil, requestCounts: [Int]? = nil
    ) throws {
        if json, let bundleFile {
            try ResultsSummary.copyBundle(bundleFile, to: FileHandle.standardOutput)
        } else {
            FileHandle.standardOutput.write(
                try ResultsSummary.results(
                    bundle, json: json, width: TerminalWidth.columns(), requestCounts: requestCounts))
        }
        for line in ResultsSummary.locations(directory: directory, outputs: outputs, databasePath: databasePath) {
            Stderr.print(line)
        }
    }
}
