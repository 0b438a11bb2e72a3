import EdgeBenchCore
import Foundation

/// Turns a plan's model into a GGUF file on this machine. Shared by managed engines and the
/// runner's llama-bench configurations, so both measure one file, hashed once per run.
public struct ModelResolver: Sendable {
    public var cache: CachePaths
    private let hashes = ModelHashCache()

    public init(cache: CachePaths) { self.cache = cache }

    /// An embedded model id is fetched into the cache; anything else must be a readable GGUF file.
    public func resolve(_ spec: ModelSpec, progress: @Sendable (String) -> Void) throws -> ResolvedModel {
        let reference = spec.file ?? spec.name
        if let embedded = EmbeddedModel.named(reference) {
            let installed = try embedded.prepare(cache: cache, progress: progress)
            var info = installed.modelInfo
            info.name = spec.name
            return ResolvedModel(path: installed.path, info: info)
        }
        let url = URL(fileURLWithPath: (reference as NSString).expandingTildeInPath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw EngineConfigurationError(
                "model file \(url.path) does not exist; pass a .gguf path or an embedded model id "
                    + "(\(EmbeddedModel.all.map(\.id).joined(separator: ", ")))")
        }
        try GGUF.validate(url)
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber
        let info = ModelInfo(
            name: spec.name, file: url.lastPathComponent, sizeBytes: size?.int64Value, sha256: try hashes.sha256(of: url),
            quantisation: Quantisation.guess(fromFileName: url.lastPathComponent))
        return ResolvedModel(path: url.path, info: info)
    }
}
