import EdgeBenchCore
import Foundation

/// `run.json` in a run directory: enough to resume the run in the same directory.
public struct RunManifest: Codable, Sendable {
    public var run: RunInfo
    public var databasePath: String
    public var planText: String
    public var configurations: [Configuration]
    /// configuration id → device; nil in manifests written before devices were resolved
    public var devices: [String: Device]?
    public var analysis: AnalysisParameters?
    /// power and timing as the run was started (`--resume` measures the same way); nil in manifests
    /// written before they were stored
    public var settings: RunSettings?

    public init(
        run: RunInfo, databasePath: String, planText: String, configurations: [Configuration],
        devices: [String: Device]? = nil, analysis: AnalysisParameters? = nil, settings: RunSettings? = nil
    ) {
        self.run = run
        self.databasePath = databasePath
        self.planText = planText
        self.configurations = configurations
        self.devices = devices
        self.analysis = analysis
        self.settings = settings
    }

    static func url(in directory: URL) -> URL { directory.appendingPathComponent("run.json") }

    func write(to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: Self.url(in: directory), options: .atomic)
    }

    public static func read(from directory: URL) throws -> RunManifest {
        let url = url(in: directory)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RunnerError.resume("\(url.path) not found; --resume takes a run directory that an earlier `edgebench run` created")
        }
        do {
            return try JSONDecoder().decode(RunManifest.self, from: data)
        } catch {
            throw RunnerError.resume("\(url.path) is damaged (\(error)); start a new run instead")
        }
    }
}
