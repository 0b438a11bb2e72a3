import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation

/// Writes every file of a run's results into one folder, streaming: the requests are walked from their
/// source (the store's cursor) once per file that lists them, so a long run's export costs the memory of
/// one request, never of the run. Each file appears whole or not at all (written beside its target,
/// then renamed over it), so a reader never sees half a report.
public enum ResultsWriter {
    public static let fileNames = [
        "bundle.json", "results.md", "requests.csv", "configurations.csv",
        "benchmark_results.csv", "benchmark_results_details.csv", "report.html",
    ]

    /// What `write` produced: the files in `fileNames` order, and per configuration what was tallied
    /// from its requests (how many there are: what the terminal table prints as n).
    public struct Written: Sendable {
        public var files: [URL]
        /// parallel to the bundle's configurations
        public var tallies: [RequestTally]
    }

    /// A bundle in memory (an import's). Returns the URLs written, in `fileNames` order.
    @discardableResult
    public static func write(_ bundle: ResultBundle, to directory: URL) throws -> [URL] {
        try write(StreamedBundle(bundle), to: directory).files
    }

    /// A run's results from its header and a walk of its requests. bundle.json is written first
    /// (tallying the requests on the way), the page last, so the bundle and the tables are on disk
    /// whatever happens to the page. An error from the walk is rethrown as it is.
    @discardableResult
    public static func write(_ bundle: StreamedBundle, to directory: URL) throws -> Written {
        if let blocker = FolderCheck.fileBlocking(directory) {
            throw ResultsWriterError.unwritable(directory, reason: "\(blocker.path) exists and is not a folder")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ResultsWriterError.unwritable(directory, reason: reason(error))
        }
        let header = bundle.header
        var tallies = header.configurations.map { _ in RequestTally() }
        var files: [URL] = []
        files.append(
            try write("bundle.json", in: directory) { file in
                try BundleJSONWriter.write(bundle, observe: { tallies[$0].add($1) }, emit: { file.write($0) })
            })
        let counts = tallies.map(\.requests)
        files.append(try write("results.md", in: directory) { $0.write(MarkdownReport.render(header, requestCounts: counts)) })
        files.append(try write("requests.csv", in: directory) { try CSVReport.writeRequests(bundle, to: &$0) })
        files.append(try write("configurations.csv", in: directory) { CSVReport.writeConfigurations(header, to: &$0) })
        files.append(
            try write("benchmark_results.csv", in: directory) { PaperCSV.writeResults(header, tallies: tallies, to: &$0) })
        files.append(
            try write("benchmark_results_details.csv", in: directory) {
                try PaperCSV.writeDetails(bundle, tallies: tallies, to: &$0)
            })
        files.append(try write("report.html", in: directory) { $0.write(report(header, tallies: tallies)) })
        return Written(files: files, tallies: tallies)
    }

    /// The HTML report of one bundle: Pareto objectives chosen from its data, no scenario (a bundle carries
    /// none). The box plots come from the tallies (the bundle may be without its requests).
    static func report(_ bundle: ResultBundle, tallies: [RequestTally]) -> String {
        var distributions: [String: RequestDistributions] = [:]
        for (configuration, tally) in zip(bundle.configurations, tallies) where distributions[configuration.id] == nil {
            distributions[configuration.id] = tally.distributions
        }
        return HTMLReport.render(
            bundles: [bundle], analysis: Analysis.analyze(bundles: [bundle]),
            distributions: [distributions])
    }

    /// One file: `body` writes it through a buffer into a temporary file, renamed over `name` when whole.
    private static func write(_ name: String, in directory: URL, _ body: (inout AtomicFile) throws -> Void) throws -> URL {
        var file = try AtomicFile(name, in: directory)
        try body(&file)
        return try file.commit()
    }

    static func reason(_ error: any Error) -> String {
        SystemErrorText.reason(error)
    }
}

/// The results folder could not be written; the message names the folder and what to do.
public struct ResultsWriterError: Error, Equatable, CustomStringConvertible, LocalizedError {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
    public var errorDescription: String? { message }

    static func unwritable(_ directory: URL, reason: String) -> ResultsWriterError {
        ResultsWriterError(
            message: "cannot write results to \(directory.path): \(reason); "
                + "choose a writable folder or fix its permissions")
    }
}
