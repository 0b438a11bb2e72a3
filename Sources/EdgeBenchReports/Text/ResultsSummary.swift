import EdgeBenchCore
import Foundation

/// What `run` and `import` show once results are stored: the results for stdout (the table, or the
/// bundle with `--json`), and where everything went, for stderr.
public enum ResultsSummary {
    /// The bytes for stdout, newline-terminated. `requestCounts`: as `TerminalTable.render` takes them,
    /// for a bundle without its requests (the table only; `json` needs the bundle whole).
    public static func results(_ bundle: ResultBundle, json: Bool, width: Int, requestCounts: [Int]? = nil) throws -> Data {
        if json { return try BundleCodec.encode(bundle) + Data("\n".utf8) }
        return Data((TerminalTable.render(bundle, width: width, requestCounts: requestCounts) + "\n").utf8)
    }

    /// `--json` for a run whose bundle.json is written: that file, newline-terminated, copied in 64 KiB
    /// pieces (the bytes `results(json: true)` would give, without holding the run's requests).
    public static func copyBundle(_ file: URL, to output: FileHandle) throws {
        let input = try FileHandle(forReadingFrom: file)
        defer { try? input.close() }
        while let piece = try input.read(upToCount: 1 << 16), !piece.isEmpty {
            try output.write(contentsOf: piece)
        }
        try output.write(contentsOf: Data("\n".utf8))
    }

    /// One line each: the run directory, the files written there, the database.
    public static func locations(directory: URL, outputs: [URL], databasePath: String) -> [String] {
        ["results: " + directory.path] + outputs.map { "  " + $0.lastPathComponent } + ["database: " + databasePath]
    }
}
