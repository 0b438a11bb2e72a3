import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation

/// Writes every file of a run's results into one folder. Each file appears whole or not at all
/// (written beside its target, then renamed over it), so a reader never sees half a report.
public enum ResultsWriter {
    public static let fileNames = [
        "bundle.json", "results.md", "requests.csv", "configurations.csv",
        "benchmark_results.csv", "benchmark_results_details.csv", "report.html",
    ]

    /// Returns the URLs written, in `fileNames` order.
    @discardableResult
    public static func write(_ bundle: ResultBundle, to directory: URL) throws -> [URL] {
        // Rendered one at a time, each dropped once written: on a board, the peak memory of a long
        // run's export is that of its largest file, not of all of them.
        let renderers: [() throws -> Data] = [
            { try BundleCodec.encode(bundle) },
            { Data(MarkdownReport.render(bundle).utf8) },
            { Data(CSVReport.requests(bundle).utf8) },
            { Data(CSVReport.configurations(bundle).utf8) },
            { Data(PaperCSV.results(bundle).utf8) },
            { Data(PaperCSV.details(bundle).utf8) },
            // last, so the bundle and the tables are on disk whatever happens to the page
            { Data(report(bundle).utf8) },
        ]
        if let blocker = FolderCheck.fileBlocking(directory) {
            throw ResultsWriterError.unwritable(directory, reason: "\(blocker.path) exists and is not a folder")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ResultsWriterError.unwritable(directory, reason: reason(error))
        }
        var written: [URL] = []
        for (name, render) in zip(fileNames, renderers) {
            let target = directory.appendingPathComponent(name)
            try writeAtomically(try render(), to: target, in: directory)
            written.append(target)
        }
        return written
    }


    /// The HTML report of one bundle: default Pareto objectives, no scenario (a bundle carries none).
    static func report(_ bundle: ResultBundle) -> String {
        let objectives = (try? Objective.parseList(Analysis.defaultObjectives)) ?? []
        return HTMLReport.render(
            bundles: [bundle], analysis: Analysis.analyze(bundles: [bundle], objectives: objectives))
    }

    private static func writeAtomically(_ data: Data, to target: URL, in directory: URL) throws {
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw ResultsWriterError.unwritable(directory, reason: reason(error))
        }
        if rename(temporary.path, target.path) != 0 {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ResultsWriterError.unwritable(directory, reason: "cannot replace \(target.lastPathComponent) (\(message))")
        }
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let posix = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return nsError.localizedDescription
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
