import EdgeBenchCore
import Foundation
import EdgeBenchCore

/// What to run: the expanded configurations and where they came from.
public struct RunPlan: Sendable {
    public var name: String?
    /// the plan's text (YAML, or a synthesised description of a one-off run), stored for provenance
    public var text: String
    public var hash: String
    public var configurations: [Configuration]

    public init(name: String?, text: String, hash: String, configurations: [Configuration]) {
        self.name = name
        self.text = text
        self.hash = hash
        self.configurations = configurations
    }
}

/// How a run ended.
public struct RunOutcome: Sendable {
    public var runID: String
    public var directory: URL
    /// the SQLite file the run is stored in (a resumed run keeps its own)
    public var databasePath: String
    public var bundle: ResultBundle
    public var outputs: [URL]
    public var interrupted: Bool

    public var failedConfigurations: Int { bundle.configurations.filter { $0.status == .failed }.count }
}
