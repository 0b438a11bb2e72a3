import EdgeBenchCore
import Foundation

/// `--engine` and `--url` help, written from the registry so a new kind shows up without editing the CLI.
public enum EngineHelp {
    /// One line per kind: its name in a column, then its summary.
    public static func kinds(_ catalog: EngineCatalog = EngineRegistry.catalog) -> String {
        let width = (catalog.kinds.map(\.rawValue.count).max() ?? 0) + 2
        return catalog.all.map { engine in
            engine.kind.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + engine.summary
        }.joined(separator: "\n")
    }

    /// What `--url` looks like for each kind that connects to a server.
    public static func url(_ catalog: EngineCatalog = EngineRegistry.catalog) -> String {
        let shapes = catalog.all.filter { !$0.runsLocally }.map { "\($0.kind.rawValue) \($0.urlTemplate)" }
        return "Address of a running server: \(shapes.joined(separator: ", "))."
    }
}
