import EdgeBenchCore
import Foundation

/// `run.json` in a run directory: enough to resume the run in the same directory.
public struct RunManifest: Codable, Sendable {
    public var run: RunInfo
    /// The results database, relative to the run directory (`../edgebench.sqlite`), so a moved or copied
    /// output folder still finds it; absolute when it shares no folder with the run but the root, and in
    /// run.json written before paths were relative. `databaseLocation(in:)` resolves it.
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

    /// The database as an absolute path, for a run directory at `directory`.
    public func databaseLocation(in directory: URL) -> String {
        if databasePath.hasPrefix("/") { return databasePath }
        return directory.appendingPathComponent(databasePath).standardizedFileURL.path
    }

    /// `target` relative to `directory`; absolute when the two share nothing but the root.
    static func relativePath(of target: String, from directory: URL) -> String {
        let to = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        let from = directory.standardizedFileURL.pathComponents
        var common = 0
        while common < min(to.count, from.count) && to[common] == from[common] { common += 1 }
        guard common > 1 else { return URL(fileURLWithPath: target).standardizedFileURL.path }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }

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
