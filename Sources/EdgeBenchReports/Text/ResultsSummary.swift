import EdgeBenchCore
import Foundation

/// What `run` and `import` show once results are stored: the results for stdout (the table, or the
/// bundle with `--json`), and where everything went, for stderr.
public enum ResultsSummary {
    /// The bytes for stdout, newline-terminated.
    public static func results(_ bundle: ResultBundle, json: Bool, width: Int) throws -> Data {
        if json { return try BundleCodec.encode(bundle) + Data("\n".utf8) }
        return Data((TerminalTable.render(bundle, width: width) + "\n").utf8)
    }

    /// One line each: the run directory, the files written there, the database.
    public static func locations(directory: URL, outputs: [URL], databasePath: String) -> [String] {
        ["results: " + directory.path] + outputs.map { "  " + $0.lastPathComponent } + ["database: " + databasePath]
    }
}
