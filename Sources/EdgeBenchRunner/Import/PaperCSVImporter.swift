import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchPlans
import EdgeBenchReports
import EdgeBenchStore
import Foundation

/// `edgebench import paper-csv benchmark_results.csv [--details …]`: results of the methodology's
/// original harness stored as a run of their own, so derived metrics (Tps/m³, MJ/Mtok, accelerator
/// gain) are computed from them exactly as from native runs. Everything is read and checked before
/// anything is written.
public struct PaperCSVImporter: Sendable {
    public var outputRoot: URL
    public var databasePath: String?
    public var catalog: DeviceCatalog
    /// harness device label (CPU-Ollama, GPU-Ollama, GPU-Hailo-Ollama, AX630, or one `labels` maps) → catalog id
    public var catalogDevices: [String: String]
    /// harness device label → mean power in W read off a display-only meter
    public var powerWatts: [String: Double]
    /// `--label`: a label as written → the configuration it stands for (`PaperLabel`'s grammar)
    public var labels: [String: String]
    /// served model name → model: the built-in table, then a plan's `served:` maps, then `--model-alias`
    public var aliases: ModelAliases

    public init(
        outputRoot: URL, databasePath: String? = nil, catalog: DeviceCatalog, catalogDevices: [String: String] = [:],
        powerWatts: [String: Double] = [:], labels: [String: String] = [:], aliases: ModelAliases = ModelAliases()
    ) {
        self.outputRoot = outputRoot
        self.databasePath = databasePath
        self.catalog = catalog
        self.catalogDevices = catalogDevices
        self.powerWatts = powerWatts
        self.labels = labels
        self.aliases = aliases
    }

    /// A plan's models as aliases: every served name it gives reads as the plan's model name.
    public static func planModels(_ path: String) throws -> [ModelSpec] {
        do {
            return try PlanLoader.load(path: path, engines: EngineRegistry.catalog).models
        } catch {
            throw ImportError("--plan \(path): \(error)")
        }
    }

    public func run(results: URL, details: URL? = nil) throws -> ImportOutcome {
        let resultsText = try Self.text(of: results)
        let detailsText = try details.map { (try Self.text(of: $0), $0.path) }
        let reader = PaperCSVReader(
            catalog: catalog, catalogDevices: catalogDevices, powerWatts: powerWatts,
            labels: try PaperDeviceLabels(mappings: labels), aliases: aliases)
        let read = try reader.read(results: resultsText, file: results.path, details: detailsText)

        let files = [results] + (details.map { [$0] } ?? [])
        var description = "paper-csv import\n"
        var contents = ""
        for file in files {
            let hash = (try? FileDigest.sha256(of: file)) ?? "unreadable"
            description += "\(file.path)\tsha256 \(hash)\n"
            contents += hash + "\n"
        }
        for (label, id) in catalogDevices.sorted(by: { $0.key < $1.key }) { description += "device \(label)=\(id)\n" }
        for (label, watts) in powerWatts.sorted(by: { $0.key < $1.key }) { description += "power \(label)=\(watts) W\n" }
        for (label, configuration) in labels.sorted(by: { $0.key < $1.key }) {
            description += "label \(label)=\(configuration)\n"
        }
        for (served, model) in aliases.names.sorted(by: { $0.key < $1.key }) { description += "model \(served)=\(model)\n" }

        // The harness wrote nothing about the machine; never filled in from the one importing.
        let environment = Environment(
            hostname: "unknown", board: nil, cpuModel: nil, cpuCores: 0, memoryBytes: nil, os: nil, kernel: nil,
            architecture: nil)
        let run = ImportedRun(
            outputRoot: outputRoot, databasePath: databasePath, planName: RequestedCapNote.importPlanName, description: description,
            planHash: FileDigest.sha256(of: Data(contents.utf8)), startedAt: nil, environment: environment, files: files)
        return try run.store(
            read.configurations.map { configuration, result in
                ImportedRun.Item(
                    configuration: configuration, engine: result.engine, device: result.device, requests: result.requests,
                    summary: result.summary, flags: result.flags, power: result.power)
            },
            notes: read.notes)
    }

    static func text(of url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ImportError("cannot read \(url.path); check the path")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportError("\(url.path) is not UTF-8 text; save it as UTF-8 CSV")
        }
        return text
    }
}
