import EdgeBenchCore
import EdgeBenchReports
import Foundation

/// What `run` and `import` print when results are stored: the table (or the bundle with `--json`) on
/// stdout, and where everything went on stderr.
enum ResultsSummary {
    static func print(_ bundle: ResultBundle, directory: URL, outputs: [URL], databasePath: String, json: Bool) throws {
        if json {
            FileHandle.standardOutput.write(try BundleCodec.encode(bundle))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            Swift.print(TerminalTable.render(bundle, width: TerminalWidth.columns()))
        }
        Stderr.print("results: " + directory.path)
        for url in outputs { Stderr.print("  " + url.lastPathComponent) }
        Stderr.print("database: " + databasePath)
    }
}
